/**
 * The record of an email's delivery, for the worker that sends it (jobs/definitions/send-email.ts)
 * and the sweep that re-queues what Redis lost (jobs/email-sweep.ts). Each write is conditional
 * on the email not being sent yet, so a late or repeated write never undoes a delivery.
 */
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { emails } from '../../db/schema/index.ts';
import { withoutSecrets } from './without-secrets.ts';

export type RecordedEmail = typeof emails.$inferSelect;

export async function recordedEmail(db: DbOrTx, emailId: string): Promise<RecordedEmail | undefined> {
  const [email] = await db.select().from(emails).where(eq(emails.id, emailId));
  return email;
}

/** A failed attempt; after the last one the email is failed for good (visible to administrators). */
export async function recordSendFailure(db: DbOrTx, emailId: string, error: Error, lastAttempt: boolean) {
  await db
    .update(emails)
    .set({ attempts: sql`${emails.attempts} + 1`, lastError: error.message, status: lastAttempt ? 'failed' : 'pending' })
    .where(and(eq(emails.id, emailId), ne(emails.status, 'sent')));
}

/** Sent: the server's message id is kept, and secrets (a reset link's token) are dropped from the stored copy. */
export async function recordSent(db: DbOrTx, email: RecordedEmail, messageId: string, at: Date) {
  await db
    .update(emails)
    .set({ status: 'sent', sentAt: at, messageId, attempts: sql`${emails.attempts} + 1`, lastError: null, ...withoutSecrets(email) })
    .where(and(eq(emails.id, email.id), ne(emails.status, 'sent')));
}

/** Emails still pending since before `cutoff`, oldest first (what the sweep checks against the queue). */
export async function pendingEmailIds(db: DbOrTx, cutoff: Date, limit = 500): Promise<string[]> {
  const rows = await db.select({ id: emails.id }).from(emails).where(and(eq(emails.status, 'pending'), lt(emails.createdAt, cutoff))).orderBy(asc(emails.createdAt)).limit(limit);
  return rows.map((r) => r.id);
}
