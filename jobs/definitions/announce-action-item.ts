/** Act: a department is told of a follow-up item the strategy office gave it. */
import { eq } from 'drizzle-orm';
import { actionItems, measures, reviewCycles } from '../../db/schema/index.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { departmentRecipients } from '../../services/notifications/recipients.ts';
import { actionItemEmail } from '../../templates/emails/decision.ts';
import { dayLabel } from '../../templates/emails/format.ts';
import { defineJob } from '../define-job.ts';
import { sendEmails } from '../add-job.ts';

export const announceActionItem = defineJob('announce-action-item', {
  async run(deps, { actionItemId }) {
    const [row] = await deps.db
      .select({ item: actionItems, organizationId: reviewCycles.organizationId, measureNumber: measures.number, measureTitle: measures.title })
      .from(actionItems)
      .innerJoin(reviewCycles, eq(reviewCycles.id, actionItems.cycleId))
      .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
      .where(eq(actionItems.id, actionItemId));
    if (!row) return { skipped: 'action item not found' };
    const { department, to } = await departmentRecipients(deps.db, row.item.departmentId);
    const content = actionItemEmail(
      {
        departmentName: department!.name,
        measureNumber: row.measureNumber,
        measureTitle: row.measureTitle,
        text: row.item.text,
        dueDate: row.item.dueDate,
        dueLabel: row.item.dueDate ? dayLabel(row.item.dueDate, 'ja') : null,
        url: `${deps.config.publicUrl}/tasks`,
      },
      'ja',
    );
    const emailId = await createEmail(deps.db, { organizationId: row.organizationId, reasonKey: `action-item:${actionItemId}`, template: 'action-item', locale: 'ja', to, content });
    await sendEmails(deps, [emailId]);
    return { emailId };
  },
});
