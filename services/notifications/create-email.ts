/**
 * Records an email to send. The reason key says why it exists and is unique, so asking twice
 * for the same email (a job run twice, a sweep repeated) records it once. Returns the new
 * email's id, or null when it already existed. Sending is a job of its own (send-email).
 */
import type { DbOrTx } from '../../db/client.ts';
import { emails } from '../../db/schema/index.ts';
import type { EmailContent, EmailLocale } from '../../templates/emails/content.ts';
import { renderEmail } from '../../templates/emails/render.ts';

export interface NewEmail {
  /** The organization the email is sent for (its administrators see it). */
  organizationId: string;
  reasonKey: string;
  template: string;
  locale: EmailLocale;
  to: string[];
  cc?: string[];
  content: EmailContent;
}

export async function createEmail(db: DbOrTx, email: NewEmail): Promise<string | null> {
  const to = [...new Set(email.to.filter(Boolean))];
  if (to.length === 0) return null;
  const rendered = renderEmail(email.content, email.locale);
  const [row] = await db
    .insert(emails)
    .values({ organizationId: email.organizationId, reasonKey: email.reasonKey, template: email.template, locale: email.locale, to, cc: email.cc ?? [], ...rendered })
    .onConflictDoNothing({ target: emails.reasonKey })
    .returning({ id: emails.id });
  return row?.id ?? null;
}
