/**
 * Every decision of the log is announced exactly once to those it affects — the departments
 * running the project (or the KPI's project), the strategy office when it concerns a numeric
 * target or a new measure — and to the plan's subscribers. One email per recipient group,
 * each with its own reason key. Records the emails in one transaction; sending is the caller's
 * (the publish-decision job).
 */
import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { decisionLog, decisionSubscribers, kpis, plans, projectDepartments, users } from '../../db/schema/index.ts';
import type { EmailLocale } from '../../templates/emails/content.ts';
import { decisionEmail, type DecisionProps } from '../../templates/emails/decision.ts';
import { decisionNames } from '../decisions/decision-names.ts';
import { changeText, describeChanges } from '../decisions/describe-changes.ts';
import { decisionSubjectName } from '../decisions/list-decisions.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { MARKER_LABELS } from '../plans/markers.ts';
import { checkSystemWork } from '../system-work.ts';
import { createEmail } from './create-email.ts';
import { departmentRecipients, strategyOffice } from './recipients.ts';

export const EmailDecisionInput = JOB_PAYLOADS['publish-decision'];

export async function emailDecision({ ctx, input, publicUrl }: { ctx: ServiceContext; input: Static<typeof EmailDecisionInput>; publicUrl: string }): Promise<{ emailIds: (string | null)[]; skipped?: string }> {
  checkSystemWork(ctx, EmailDecisionInput, input, 'publishing a decision');
  const { decisionId } = input;
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.select({ decision: decisionLog, name: decisionSubjectName }).from(decisionLog).where(eq(decisionLog.id, decisionId));
    const decision = row?.decision;
    if (!decision) return { skipped: 'decision not found', emailIds: [] };
    const [plan] = await tx.select().from(plans).where(eq(plans.id, decision.planId));
    const decidedBy = decision.decidedBy ? (await tx.select({ name: users.name }).from(users).where(eq(users.id, decision.decidedBy)))[0]?.name ?? null : null;
    const projectId = await projectOf(tx, decision);
    const nameOf = await decisionNames(ctx, decision.planId);
    const props = (recipient: DecisionProps['recipient'], locale: EmailLocale = 'ja'): DecisionProps => ({
      recipient,
      markerLabel: MARKER_LABELS[decision.marker][locale],
      fiscalYear: decision.fiscalYear,
      subjectName: subjectName(decision, row.name),
      rationale: decision.rationale,
      changes: describeChanges(decision.before, decision.after, locale, nameOf).map((c) => ({ label: c.label, text: changeText(c, locale) })),
      decidedBy,
      logUrl: `${publicUrl}/plans/${decision.planId}/decisions`,
    });

    const emailIds: (string | null)[] = [];
    if (projectId) {
      const owners = await tx.select({ departmentId: projectDepartments.departmentId }).from(projectDepartments).where(eq(projectDepartments.projectId, projectId));
      for (const { departmentId } of owners) {
        const { department, to } = await departmentRecipients(tx, departmentId);
        const content = decisionEmail(props({ kind: 'department', name: department!.name }), 'ja');
        emailIds.push(await createEmail(tx, { organizationId: decision.organizationId, reasonKey: `decision:${decisionId}:department:${departmentId}`, template: 'decision', locale: 'ja', to, content }));
      }
    } else {
      for (const person of await strategyOffice(tx, plan!.organizationId)) {
        const content = decisionEmail(props({ kind: 'person', name: person.name }, person.locale), person.locale);
        emailIds.push(await createEmail(tx, { organizationId: decision.organizationId, reasonKey: `decision:${decisionId}:user:${person.id}`, template: 'decision', locale: person.locale, to: [person.email], content }));
      }
    }
    for (const subscriber of await tx.select().from(decisionSubscribers).where(eq(decisionSubscribers.planId, decision.planId))) {
      const content = decisionEmail(props({ kind: 'person', name: subscriber.name ?? subscriber.email }), 'ja');
      emailIds.push(await createEmail(tx, { organizationId: decision.organizationId, reasonKey: `decision:${decisionId}:subscriber:${subscriber.id}`, template: 'decision', locale: 'ja', to: [subscriber.email], content }));
    }
    return { emailIds };
  });
}

type Decision = typeof decisionLog.$inferSelect;

async function projectOf(db: Parameters<typeof departmentRecipients>[0], decision: Decision): Promise<string | null> {
  if (decision.subjectType === 'project') return decision.subjectId;
  if (decision.subjectType !== 'kpi') return null;
  const [kpi] = await db.select({ projectId: kpis.projectId }).from(kpis).where(eq(kpis.id, decision.subjectId));
  return kpi?.projectId ?? null;
}

/** The subject's name now, else the name the decision gave it; the code only when the subject has no name at all. */
function subjectName(decision: Decision, current: string | null | undefined): string {
  const before = (decision.before ?? {}) as Record<string, unknown>;
  const after = (decision.after ?? {}) as Record<string, unknown>;
  return String(current ?? after.name ?? after.title ?? before.name ?? before.title ?? decision.subjectCode);
}
