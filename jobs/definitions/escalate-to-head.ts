/**
 * First escalation level: the department head (or the deputy while the head has delegated)
 * is told which of the department's tasks are overdue. Once per department and due date.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { escalations } from '../../db/schema/index.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { departmentRecipients, headOf } from '../../services/notifications/recipients.ts';
import { departmentTasksAwaiting } from '../../services/notifications/task-lines.ts';
import { headEscalationEmail } from '../../templates/emails/escalation.ts';
import { defineJob } from '../define-job.ts';
import { sendEmails } from './send-email.ts';

export const escalateToHead = defineJob('escalate-to-head', {
  async run(deps, p) {
    const tasks = await departmentTasksAwaiting(deps.db, deps.config.publicUrl, p);
    if (tasks.length === 0) return { skipped: 'nothing overdue any more' };
    const { department } = await departmentRecipients(deps.db, p.departmentId);
    const head = department && headOf(department);
    if (!head) {
      deps.log.warn({ department: department?.name }, 'escalation not sent: the department has no head address');
      return { skipped: 'no head address' };
    }
    const content = headEscalationEmail(
      { recipientTitle: `${department.name} ${head.delegated ? '課長代理' : '課長'}`, departmentName: department.name, fiscalYear: p.fiscalYear, dueDate: p.dueDate, daysOverdue: p.daysOverdue, delegated: head.delegated, tasks },
      'ja',
    );
    const emailId = await deps.db.transaction(async (tx) => {
      await tx
        .update(escalations)
        .set({ notifiedTo: head.email })
        .where(and(eq(escalations.level, 'department_head'), eq(escalations.kind, 'task_overdue'), inArray(escalations.taskId, tasks.map((t) => t.id))));
      return createEmail(tx, { organizationId: department.organizationId, reasonKey: `escalate-head:${p.planId}:${p.fiscalYear}:${p.departmentId}:${p.dueDate}`, template: 'escalation-head', locale: 'ja', to: [head.email], content });
    });
    await sendEmails(deps, [emailId]);
    return { emailId, tasks: tasks.length };
  },
});
