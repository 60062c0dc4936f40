/** The editor's input schemas: the fields of each kind of item, as the API body and the page form give them. */
import Type from 'typebox';
import { FiscalYear, OrNull, Text, Uuid } from '../../input-schemas.ts';
import { UNIT_SYMBOLS } from '../units.ts';

/** Numbers people see: goal and measure numbers (施策① is 1). */
const Number99 = Type.Integer({ minimum: 1, maximum: 99 });
/** A year as the plan file allows it (a baseline may predate the product by decades). */
const AnyYear = Type.Integer({ minimum: 1900, maximum: 2200 });

export const PlanBody = Type.Object({ name: Text(200), periodStartFiscalYear: FiscalYear, periodEndFiscalYear: FiscalYear });
export const GoalBody = Type.Object({ number: Number99, title: Text(200) });
export const DirectionBody = Type.Object({ title: Text(200) });
export const MeasureBody = Type.Object({ number: Number99, title: Text(200), summary: Type.Optional(Text(4000)) });

/** A project's departments: the lead (its submission is the project's) and those who share it. */
export const ProjectDepartmentsFields = {
  leadDepartmentId: Uuid,
  coDepartmentIds: Type.Array(Uuid, { maxItems: 20 }),
};
export const ProjectBody = Type.Object({ name: Text(200), description: Type.Optional(Text(4000)), ...ProjectDepartmentsFields });

/** Targets by year: one entry per year of the period, null where the plan sets none. */
export const TargetsByYear = Type.Array(Type.Object({ fiscalYear: FiscalYear, value: OrNull(Type.Number()) }), { maxItems: 50 });

export const KpiBody = Type.Object({
  name: Text(200),
  unit: Type.Enum(UNIT_SYMBOLS),
  cumulative: Type.Boolean(),
  direction: Type.Enum(['higher', 'lower', 'keep'] as const),
  baseline: Type.Optional(Type.Object({ fiscalYear: AnyYear, value: Type.Number() })),
  targets: TargetsByYear,
  note: Type.Optional(Text(4000)),
});

export const AdoptBody = Type.Object({ adoptedOn: Type.String({ format: 'date' }) });

/** Why an adopted plan is amended outside a review: the decision log's rationale. */
export const Rationale = Text(2000);
