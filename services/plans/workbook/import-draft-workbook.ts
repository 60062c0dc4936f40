/**
 * A filled plan workbook as a draft's new content (「Excelから下書きを更新」): the whole draft is
 * replaced by what the workbook says, checked exactly as the new-plan import checks it (every
 * problem named by sheet and cell, nothing written unless all is valid) and as the editor checks
 * a draft (the organization's departments, validate-plan-file.ts). The workbook must come from
 * this draft's own export: if the draft changed since (draft-version.ts), the upload is a 409, so
 * nobody's edits are silently undone. An adopted plan is refused: it changes by revision or
 * amendment only.
 */
import type { ServiceContext } from '../../context.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { withTransaction } from '../../context.ts';
import { conflict, problemAt } from '../../errors.ts';
import { canonicalJson, sha256 } from '../canonical-json.ts';
import { completeDraft, editorRefusal, lockPlan, organizationDepartments, storeDraft } from '../editor/draft.ts';
import { findPlanInOrganization } from '../find-plan.ts';
import { normalizePlanFile } from '../normalize-plan-file.ts';
import type { PlanFile } from '../plan-file.ts';
import { validatePlanFile } from '../validate-plan-file.ts';
import { draftVersionIn } from './draft-version.ts';
import { cellOf, readFilledWorkbook, workbookProblems } from './filled-workbook.ts';
import { WORKBOOK_WORDS as words } from './workbook-words.ts';

export interface DraftWorkbookInput {
  planId: string;
  file: unknown;
  /** The draft's version the workbook was filled from; by default the one the workbook carries. */
  version?: string;
}

export async function importDraftWorkbook({ ctx, input }: { ctx: ServiceContext; input: DraftWorkbookInput }): Promise<{ planId: string; status: 'replaced' | 'unchanged'; version: string }> {
  const user = requireStrategyOffice(ctx);
  const plan = await findPlanInOrganization(ctx.db, input.planId, user.organizationId);
  // Refused before the file is read: an adopted plan changes by revision or amendment only.
  if (plan.status !== 'draft' || !plan.draft) throw editorRefusal();
  const { read, problems, located, keywords } = await readFilledWorkbook(input.file);
  const version = input.version ?? draftVersionIn(keywords);
  if (!version) throw workbookProblems([problemAt('body', words.notFromDraft)]);

  const draft = plan.draft as unknown as PlanFile;
  const head = (part: 'organization' | 'plan') => (read.file[part] as { code?: unknown } | undefined)?.code;
  if (head('organization') !== undefined && head('organization') !== draft.organization.code) problems.push(problemAt(cellOf('organization.code'), words.otherOrganization(draft.organization.name)));
  // Another plan's workbook is that, not a stale one of this draft.
  if (head('plan') !== draft.plan.code) throw workbookProblems([...problems, problemAt(cellOf('plan.code'), words.otherPlan(draft.plan.code))]);

  return withTransaction(ctx, async (tx) => {
    const locked = await lockPlan(tx, user, plan.id);
    if (locked.status !== 'draft' || !locked.draft) throw editorRefusal();
    if (locked.sourceHash !== version) throw conflict({ key: 'refusals.draftWorkbookStale' });
    if (problems.length) throw workbookProblems(problems);
    // The departments are the organization's, as in the editor: a code it does not have is named at the project.
    const file = await completeDraft(tx, read.file as unknown as PlanFile, await organizationDepartments(tx, locked.organizationId));
    const check = validatePlanFile(file);
    if (!check.ok) throw workbookProblems(located(check.problems));
    const next = sha256(canonicalJson(normalizePlanFile(file)));
    await storeDraft(tx, locked.id, file);
    return { planId: locked.id, status: next === locked.sourceHash ? 'unchanged' : 'replaced', version: next };
  });
}
