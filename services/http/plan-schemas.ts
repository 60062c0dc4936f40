/** Response schemas for plans, their tree and KPIs. */
import Type from 'typebox';
import { REVISION_MARKERS } from '../plans/markers.ts';
import { DateTime, Nullable, Uuid } from './schemas.ts';

export const PlanSummary = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  periodStartFiscalYear: Type.Integer(),
  periodEndFiscalYear: Type.Integer(),
  source: Nullable(Type.String()),
  /** draft: being written in the editor; adopted: in force since adoptedOn (null when the plan file did not say). */
  status: Type.Enum(['draft', 'adopted'] as const),
  adoptedOn: Nullable(Type.String()),
  createdAt: DateTime,
});

/** A plan as listed: with its standing (services/plans/current-plan.ts). */
export const ListedPlan = Type.Object({
  ...PlanSummary.properties,
  /** current: reviews open on it; past: read only; next: the coming period, being prepared. */
  standing: Type.Enum(['current', 'past', 'next', 'draft'] as const),
});

export const KpiValue = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(['baseline', 'actual', 'target'] as const),
  fiscalYear: Type.Integer(),
  yearBasis: Type.Enum(['fiscal', 'calendar'] as const),
  value: Type.Number(),
  cumulative: Type.Boolean(),
  quality: Type.Enum(['provisional', 'final'] as const),
  cancelledReason: Nullable(Type.String()),
  printed: Nullable(Type.String()),
  note: Nullable(Type.String()),
  provenance: Type.Enum(['document', 'review', 'decision'] as const),
  recordedAt: DateTime,
});

export const Revision = Type.Object({
  id: Type.Integer(),
  marker: Type.Enum(REVISION_MARKERS),
  fiscalYear: Type.Integer(),
  source: Type.Enum(['document', 'review', 'amendment'] as const),
  rationale: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
});

export const KpiDefinition = {
  name: Type.String(),
  unit: Type.String(),
  cumulative: Type.Boolean(),
  direction: Type.Enum(['higher', 'lower', 'keep'] as const),
  note: Nullable(Type.String()),
  dataSourceName: Nullable(Type.String()),
};

export const KpiNode = Type.Object({
  id: Uuid,
  code: Type.String(),
  ...KpiDefinition,
  version: Type.Integer(),
  values: Type.Array(KpiValue),
  revisions: Type.Array(Revision),
});

const ProjectNode = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: Type.Enum(['active', 'ended'] as const),
  version: Type.Integer(),
  departments: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()), lead: Type.Boolean() })),
  kpis: Type.Array(KpiNode),
  revisions: Type.Array(Revision),
});

const MeasureNode = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  title: Type.String(),
  summary: Nullable(Type.String()),
  audiences: Type.Array(Type.String()),
  outcomes: Type.Array(Type.String()),
  projects: Type.Array(ProjectNode),
  revisions: Type.Array(Revision),
});

export const PlanTree = Type.Object({
  plan: PlanSummary,
  populationVision: Type.Array(
    Type.Object({
      kind: Type.String(),
      label: Type.String(),
      year: Type.Integer(),
      month: Nullable(Type.Integer()),
      value: Type.Integer(),
      printed: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
  goals: Type.Array(
    Type.Object({
      id: Uuid,
      number: Type.Integer(),
      title: Type.String(),
      situation: Nullable(Type.String()),
      approach: Nullable(Type.String()),
      numericTargets: Type.Array(KpiNode),
      directions: Type.Array(
        Type.Object({ id: Uuid, code: Type.String(), title: Type.String(), measures: Type.Array(MeasureNode) }),
      ),
    }),
  ),
});
