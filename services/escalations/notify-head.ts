/**
 * First escalation level: the department head (or the deputy while the head has delegated)
 * is told which of the department's tasks of one season are overdue. In one transaction the
 * escalations record whom they reached and the email is recorded (its reason key makes it
 * once per department and due date). Sending is the caller's (the escalate-to-head job).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Static } from 'typebox';
import { escalations } from '../../db/schema/index.ts';
import { headEscalationEmail } from '../../templates/emails/escalation.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { checkSystemWork } from '../system-work.ts';
import { createEmail } from '../notifications/create-email.ts';
import { departmentRecipients, headOf } from '../notifications/recipients.ts';
import { departmentTasksAwaiting } from '../notifications/task-lines.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';

/** The department and season (the escalate-to-head job's payload). */
export const NotifyHeadInput = JOB_PAYLOADS['escalate-to-head'];

export type NotifyHeadResult =
  | { emailId: string | null; tasks: number }
  | { skipped: 'nothing overdue any more' }
  | { skipped: 'no head address'; department: string | undefined };

export async function notifyHead({ ctx, input, publicUrl }: { ctx: ServiceContext; input: Static<typeof NotifyHeadInput>; publicUrl: string }): Promise<NotifyHeadResult> {
  checkSystemWork(ctx, NotifyHeadInput, input, 'telling a head of overdue tasks');
  return withTransaction(ctx, async (tx) => {
    const tasks = await departmentTasksAwaiting(tx, publicUrl, input);
    if (tasks.length === 0) return { skipped: 'nothing overdue any more' };
    const { department } = await departmentRecipients(tx, input.departmentId);
    const head = department && headOf(department);
    if (!head) return { skipped: 'no head address', department: department?.name };
    const content = headEscalationEmail(
      {
        recipientTitle: `${department.name} ${head.delegated ? '課長代理' : '課長'}`,
        departmentName: department.name,
        fiscalYear: input.fiscalYear,
        dueDate: input.dueDate,
        daysOverdue: input.daysOverdue,
        delegated: head.delegated,
        tasks,
      },
      'ja',
    );
    await tx
      .update(escalations)
      .set({ notifiedTo: head.email })
      .where(and(eq(escalations.level, 'department_head'), eq(escalations.kind, 'task_overdue'), inArray(escalations.taskId, tasks.map((t) => t.id))));
    const emailId = await createEmail(tx, {
      organizationId: department.organizationId,
      reasonKey: `escalate-head:${input.planId}:${input.fiscalYear}:${input.departmentId}:${input.dueDate}`,
      template: 'escalation-head',
      locale: 'ja',
      to: [head.email],
      content,
    });
    return { emailId, tasks: tasks.length };
  });
}
