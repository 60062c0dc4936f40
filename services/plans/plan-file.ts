/**
 * The strategy plan file: one JSON document holding a whole plan (format `cityplan/strategy-plan`).
 * This TypeBox definition is the single source of the format: the importer validates with it,
 * the exporter is typed by it, and `docs/plan-file.schema.json` is generated from it
 * (`npm run plan:schema`). The format is described in words in `docs/plan-file-format.md`.
 */
import Type, { type Static } from 'typebox';
import { REVISION_MARKERS } from './markers.ts';
import { UNIT_SYMBOLS } from './units.ts';

export const PLAN_FILE_FORMAT = 'cityplan/strategy-plan';
export const PLAN_FILE_VERSION = 1;

const Text = (description: string) => Type.String({ minLength: 1, description });
const FiscalYear = (description: string) => Type.Integer({ minimum: 1900, maximum: 2200, description });

export const Revision = Type.Object(
  {
    marker: Type.Enum(REVISION_MARKERS, { description: 'the kind of revision, as the document marks it' }),
    fiscalYear: FiscalYear('fiscal year in which the revision was decided'),
    note: Type.Optional(Text('what changed, in words')),
  },
  { additionalProperties: false },
);

const PlanCode = (description: string) => Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description });
const ItemCode = (description: string) => Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description });

/**
 * A continued item's predecessor in an earlier plan of the same organization (次期計画への継続):
 * that plan's code and the item's code (a KPI, a project) or number (a measure). Codes, not
 * database ids, so the file stays portable; the earlier plan must be in the install first.
 */
const Predecessor = Type.Object(
  { plan: PlanCode('the earlier plan’s code'), code: ItemCode('the KPI’s or project’s code in the earlier plan') },
  { additionalProperties: false, description: 'what this continues in an earlier plan: the period’s values join in one series' },
);
const MeasurePredecessor = Type.Object(
  { plan: PlanCode('the earlier plan’s code'), number: Type.Integer({ minimum: 1, description: 'the measure’s number in the earlier plan' }) },
  { additionalProperties: false, description: 'the measure this continues in an earlier plan' },
);

export const KpiValue = Type.Object(
  {
    kind: Type.Enum(['baseline', 'actual', 'target'] as const, {
      description: 'baseline: starting point; actual: observed; target: aim (a target before the last plan year is an interim target)',
    }),
    fiscalYear: FiscalYear('the year the value belongs to (a fiscal year unless yearBasis says calendar)'),
    yearBasis: Type.Optional(Type.Enum(['fiscal', 'calendar'] as const, { description: 'default fiscal (April–March)' })),
    value: Type.Number({ description: 'the figure as printed, without separators' }),
    cumulative: Type.Optional(Type.Boolean({ description: 'printed as 累計: a running total since the plan period began' })),
    quality: Type.Optional(Type.Enum(['provisional', 'final'] as const, { description: '速報値 or 確報値; default final' })),
    cancelled: Type.Optional(
      Type.Object(
        { reason: Text('why the project did not run, e.g. cancelled for COVID-19') },
        { additionalProperties: false },
      ),
    ),
    printed: Type.Optional(Text('the printed text when it says more than value and unit, e.g. 100％（6 隊）')),
    note: Type.Optional(Text('footnote on this value')),
  },
  { additionalProperties: false },
);

export const Kpi = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'unique within the plan' }),
    name: Text('指標名'),
    unit: Type.Enum(UNIT_SYMBOLS, { description: 'unit symbol as printed ("" for a dimensionless rate)' }),
    cumulative: Type.Boolean({ description: 'actuals and targets are running totals over the plan period' }),
    direction: Type.Enum(['higher', 'lower', 'keep'] as const, { description: 'which way is good' }),
    note: Type.Optional(Text('footnotes on the KPI')),
    // Only a source the document prints beside the KPI. When its figure is published late is
    // not plan data: it is the city's setting (plans.orient_settings.publicationLags).
    dataSource: Type.Optional(
      Type.Object({ name: Text('where the figure comes from, as the document prints it beside the KPI') }, { additionalProperties: false }),
    ),
    revisions: Type.Optional(Type.Array(Revision)),
    predecessor: Type.Optional(Predecessor),
    values: Type.Array(KpiValue),
  },
  { additionalProperties: false },
);

const Project = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'unique within the plan' }),
    name: Text('事業名'),
    description: Type.Optional(Text('事業の内容')),
    departments: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'department codes; the first one leads',
    }),
    status: Type.Optional(Type.Enum(['active', 'ended'] as const, { description: 'default active' })),
    revisions: Type.Optional(Type.Array(Revision)),
    predecessor: Type.Optional(Predecessor),
    kpis: Type.Array(Kpi),
  },
  { additionalProperties: false },
);

const Measure = Type.Object(
  {
    number: Type.Integer({ minimum: 1, description: '施策①… as a number, unique within the plan' }),
    title: Text('施策名'),
    summary: Type.Optional(Text('施策概要')),
    audiences: Type.Optional(Type.Array(Text('対象'))),
    outcomes: Type.Optional(Type.Array(Text('目標・成果'))),
    revisions: Type.Optional(Type.Array(Revision)),
    predecessor: Type.Optional(MeasurePredecessor),
    projects: Type.Array(Project),
  },
  { additionalProperties: false },
);

const Direction = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]+-[0-9]+$', description: 'e.g. 1-1' }),
    title: Text('施策の基本的方向'),
    measures: Type.Array(Measure),
  },
  { additionalProperties: false },
);

const Goal = Type.Object(
  {
    number: Type.Integer({ minimum: 1 }),
    title: Text('基本目標'),
    situation: Type.Optional(Text('現状と課題')),
    approach: Type.Optional(Text('基本目標と施策の基本的方向')),
    numericTargets: Type.Array(Kpi, { description: '数値目標: outcome indicators of the goal' }),
    directions: Type.Array(Direction),
  },
  { additionalProperties: false },
);

const PopulationFigure = Type.Object(
  {
    kind: Type.Enum(['current', 'goal', 'projection', 'simulation', 'outlook'] as const, {
      description: 'current: observed; goal: population to keep; projection: national institute (社人研) estimate; simulation/outlook: the city’s scenarios',
    }),
    label: Text('the scenario or figure name as printed'),
    year: Type.Integer({ minimum: 1900, maximum: 2200, description: 'calendar year' }),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    value: Type.Integer({ minimum: 0, description: 'persons' }),
    printed: Type.Optional(Text('as printed, e.g. 15 万人')),
    note: Type.Optional(Text('')),
  },
  { additionalProperties: false },
);

const Department = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'stable identifier, unique within the organization' }),
    name: Text('課名 as printed'),
    nameEn: Type.Optional(Text('English name')),
  },
  { additionalProperties: false },
);

export const PlanFile = Type.Object(
  {
    format: Type.Literal(PLAN_FILE_FORMAT),
    formatVersion: Type.Literal(PLAN_FILE_VERSION),
    organization: Type.Object(
      {
        code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
        name: Text('municipality name, e.g. 苫小牧市'),
        nameEn: Type.Optional(Text('English name')),
      },
      { additionalProperties: false },
    ),
    plan: Type.Object(
      {
        code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'unique within the organization' }),
        name: Text('plan title'),
        nameEn: Type.Optional(Text('English title')),
        periodStartFiscalYear: FiscalYear('first fiscal year of the strategy period'),
        periodEndFiscalYear: FiscalYear('last fiscal year of the strategy period'),
        source: Type.Optional(Text('the document the plan was read from')),
        adoptedOn: Type.Optional(
          Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'the day the plan was adopted (策定・公表), YYYY-MM-DD, when known' }),
        ),
      },
      { additionalProperties: false },
    ),
    populationVision: Type.Array(PopulationFigure),
    departments: Type.Array(Department),
    goals: Type.Array(Goal),
  },
  { additionalProperties: false, $id: 'https://cityplan.example/schemas/plan-file.v1.json', title: 'Strategy plan file, version 1' },
);

export type PlanFile = Static<typeof PlanFile>;
export type PlanFileGoal = Static<typeof Goal>;
export type PlanFileMeasure = Static<typeof Measure>;
export type PlanFileProject = Static<typeof Project>;
export type PlanFileKpi = Static<typeof Kpi>;
export type PlanFileKpiValue = Static<typeof KpiValue>;
export type PlanFileRevision = Static<typeof Revision>;
export type PlanFilePredecessor = Static<typeof Predecessor>;
export type PlanFileMeasurePredecessor = Static<typeof MeasurePredecessor>;
