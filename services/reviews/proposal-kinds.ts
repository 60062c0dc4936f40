/**
 * What a revision proposal carries for each marker: the subject it is about and the proposed
 * new values. The HTTP body schema is built from these, so a request is checked field by
 * field before the service sees it.
 */
import Type, { type Static } from 'typebox';
import { UNIT_SYMBOLS } from '../plans/units.ts';

const Text = (maxLength = 2000) => Type.String({ minLength: 1, maxLength });
const FiscalYearValue = Type.Object({ fiscalYear: Type.Integer({ minimum: 2000, maximum: 2100 }), value: Type.Number() }, { additionalProperties: false });
const Direction = Type.Enum(['higher', 'lower', 'keep'] as const);
const Unit = Type.Enum(UNIT_SYMBOLS);

const KpiDefinitionChange = {
  name: Type.Optional(Text(200)),
  unit: Type.Optional(Unit),
  cumulative: Type.Optional(Type.Boolean()),
  direction: Type.Optional(Direction),
  note: Type.Optional(Text()),
};

export const NewKpi = Type.Object(
  {
    name: Text(200),
    unit: Unit,
    cumulative: Type.Boolean(),
    direction: Direction,
    note: Type.Optional(Text()),
    baseline: Type.Optional(FiscalYearValue),
    target: FiscalYearValue,
  },
  { additionalProperties: false },
);

/** marker → the subject's kind and the shape of `proposed`. */
export const PROPOSAL_KINDS = {
  kpi_changed: { subject: 'kpi', proposed: Type.Object(KpiDefinitionChange, { additionalProperties: false, minProperties: 1 }) },
  target_changed: { subject: 'kpi', proposed: FiscalYearValue },
  numeric_target_changed: {
    subject: 'kpi',
    proposed: Type.Object({ ...KpiDefinitionChange, target: Type.Optional(FiscalYearValue) }, { additionalProperties: false, minProperties: 1 }),
  },
  project_content_changed: {
    subject: 'project',
    proposed: Type.Object({ name: Type.Optional(Text(200)), description: Type.Optional(Text(4000)) }, { additionalProperties: false, minProperties: 1 }),
  },
  project_ended: { subject: 'project', proposed: Type.Object({ effectiveFiscalYear: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }) },
  project_added: {
    subject: 'measure',
    proposed: Type.Object(
      {
        name: Text(200),
        description: Type.Optional(Text(4000)),
        departmentIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 10 }),
        kpis: Type.Array(NewKpi, { minItems: 1, maxItems: 20 }),
      },
      { additionalProperties: false },
    ),
  },
  measure_added: {
    subject: 'direction',
    proposed: Type.Object({ title: Text(200), summary: Type.Optional(Text(4000)) }, { additionalProperties: false }),
  },
} as const;

export type ProposalMarker = keyof typeof PROPOSAL_KINDS;
export type ProposedValues<M extends ProposalMarker> = Static<(typeof PROPOSAL_KINDS)[M]['proposed']>;

/**
 * The request body: one object per marker. A discriminator on `marker` makes the validator
 * report the errors of the matching kind only, not of every kind.
 */
export const ProposalBody = Type.Unsafe<ProposalBody>({
  type: 'object',
  required: ['marker'],
  discriminator: { propertyName: 'marker' },
  oneOf: (Object.keys(PROPOSAL_KINDS) as ProposalMarker[]).map((marker) =>
    Type.Object(
      {
        marker: Type.Literal(marker),
        subjectId: Type.String({ format: 'uuid', description: `the ${PROPOSAL_KINDS[marker].subject} it is about` }),
        proposed: PROPOSAL_KINDS[marker].proposed,
        rationale: Text(),
      },
      { additionalProperties: false },
    ),
  ),
});
export type ProposalBody = { marker: ProposalMarker; subjectId: string; proposed: Record<string, unknown>; rationale: string };
