/**
 * The editor's one way to change a draft: lock the plan, refuse an adopted one (409: it changes
 * by revision or amendment only), apply the change to the draft's plan file, then check the
 * WHOLE file with the importer's own checks (validate-plan-file.ts) and store it only if all
 * is valid. A problem under the changed item is reported at the verb's field (`body.…`).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { departments, organizations, plans } from '../../../db/schema/index.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { withTransaction, type AuthUser, type ServiceContext } from '../../context.ts';
import { badRequest, conflict, notFound, type FieldProblem } from '../../errors.ts';
import { canonicalJson, sha256 } from '../canonical-json.ts';
import { normalizePlanFile } from '../normalize-plan-file.ts';
import type { PlanFile } from '../plan-file.ts';
import { validatePlanFile } from '../validate-plan-file.ts';

export type Department = typeof departments.$inferSelect;
type PlanRow = typeof plans.$inferSelect;

/** What a change reports back: its result, where the changed item sits in the file, and how the file's field names become the verb's. */
export interface Change<T> {
  result: T;
  /** JSON path of the changed item, e.g. `$.goals[0].directions[1]`; problems under it are the verb's. */
  at: string;
  /** A field below `at` (`.title`, `.values[2].value`) as the verb's input field, or null for the form as a whole. */
  rename?: (field: string) => string | null;
}

export interface DraftScope {
  user: AuthUser;
  plan: PlanRow;
  /** The organization's departments, by id: projects choose from these. */
  departments: Map<string, Department>;
}

export const editorRefusal = () =>
  conflict({ key: 'refusals.planAdopted' });

/** Field problems as a refusal that names each field; nothing is written. */
export const refuse = (problems: FieldProblem[]) => badRequest(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);

/** Locks the plan of the user's organization for a change (404 for another organization's). */
export async function lockPlan(tx: Tx, user: AuthUser, planId: string): Promise<PlanRow> {
  const [plan] = await tx
    .select()
    .from(plans)
    .where(and(eq(plans.id, planId), eq(plans.organizationId, user.organizationId)))
    .for('update');
  if (!plan) throw notFound('plan');
  return plan;
}

export async function organizationDepartments(tx: Tx, organizationId: string): Promise<Map<string, Department>> {
  const rows = await tx.select().from(departments).where(eq(departments.organizationId, organizationId)).orderBy(asc(departments.code));
  return new Map(rows.map((d) => [d.id, d]));
}

export async function changeDraft<T>(ctx: ServiceContext, planId: string, change: (draft: PlanFile, scope: DraftScope) => Change<T>): Promise<T> {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const plan = await lockPlan(tx, user, planId);
    if (plan.status !== 'draft' || !plan.draft) throw editorRefusal();
    const scope = { user, plan, departments: await organizationDepartments(tx, plan.organizationId) };
    const draft = structuredClone(plan.draft) as unknown as PlanFile;
    const done = change(draft, scope);
    const file = await completeDraft(tx, draft, scope.departments);
    const check = validatePlanFile(file);
    if (!check.ok) throw refuse(check.problems.map((p) => asVerbProblem(p, done)));
    await storeDraft(tx, plan.id, file);
    return done.result;
  });
}

/** The file's header from the database (the organization, the departments the projects name), so the stored draft is a whole plan file. */
export async function completeDraft(tx: Tx, draft: PlanFile, byId: Map<string, Department>): Promise<PlanFile> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.code, draft.organization.code));
  const byCode = new Map([...byId.values()].map((d) => [d.code, d]));
  const named = new Set(draft.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((p) => p.departments)))));
  return {
    ...draft,
    organization: { code: org!.code, name: org!.name, ...(org!.nameEn ? { nameEn: org!.nameEn } : {}) },
    departments: [...named].flatMap((code) => {
      const d = byCode.get(code);
      // An unknown code stays unlisted: the file check names it at the project.
      return d ? [{ code: d.code, name: d.name, ...(d.nameEn ? { nameEn: d.nameEn } : {}) }] : [];
    }),
  };
}

export async function storeDraft(tx: Tx, planId: string, file: PlanFile) {
  await tx
    .update(plans)
    .set({
      draft: file as unknown as Record<string, unknown>,
      name: file.plan.name,
      periodStartFiscalYear: file.plan.periodStartFiscalYear,
      periodEndFiscalYear: file.plan.periodEndFiscalYear,
      sourceHash: sha256(canonicalJson(normalizePlanFile(file))),
    })
    .where(and(eq(plans.id, planId), eq(plans.status, 'draft')));
}

function asVerbProblem(problem: FieldProblem, change: Change<unknown>): FieldProblem {
  const { at, rename = defaultRename } = change;
  if (!problem.field.startsWith(at)) return { ...problem, field: 'body' };
  const field = rename(problem.field.slice(at.length));
  return { ...problem, field: field === null ? 'body' : `body.${field}` };
}

/** `.title` → `title`; deeper paths stay at their first name (`.measures[0].title` → the form). */
const defaultRename = (field: string) => /^\.(\w+)$/.exec(field)?.[1] ?? null;
