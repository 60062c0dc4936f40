/**
 * Act: a department is told of a follow-up item the strategy office gave it. Records the email
 * (once, by reason key); sending is the caller's (the announce-action-item job).
 */
import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { actionItems, measures, reviewCycles } from '../../db/schema/index.ts';
import { actionItemEmail } from '../../templates/emails/decision.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { checkSystemWork } from '../system-work.ts';
import { createEmail } from './create-email.ts';
import { departmentRecipients } from './recipients.ts';

export const EmailActionItemInput = JOB_PAYLOADS['announce-action-item'];

export async function emailActionItem({ ctx, input, publicUrl }: { ctx: ServiceContext; input: Static<typeof EmailActionItemInput>; publicUrl: string }) {
  checkSystemWork(ctx, EmailActionItemInput, input, 'announcing an action item');
  const { actionItemId } = input;
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select({ item: actionItems, organizationId: reviewCycles.organizationId, measureNumber: measures.number, measureTitle: measures.title })
      .from(actionItems)
      .innerJoin(reviewCycles, eq(reviewCycles.id, actionItems.cycleId))
      .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
      .where(eq(actionItems.id, actionItemId));
    if (!row) return { skipped: 'action item not found', emailId: null };
    const { department, to } = await departmentRecipients(tx, row.item.departmentId);
    const content = actionItemEmail(
      {
        departmentName: department!.name,
        measureNumber: row.measureNumber,
        measureTitle: row.measureTitle,
        text: row.item.text,
        dueDate: row.item.dueDate,
        url: `${publicUrl}/tasks`,
      },
      'ja',
    );
    const emailId = await createEmail(tx, { organizationId: row.organizationId, reasonKey: `action-item:${actionItemId}`, template: 'action-item', locale: 'ja', to, content });
    return { emailId };
  });
}
