/**
 * The emails the system sent for the administrator's organization, newest first, a page at a
 * time — read-only. Another organization's emails are never shown (nor found by id).
 */
import { and, count, desc, eq } from 'drizzle-orm';
import { emails } from '../../db/schema/index.ts';
import { requireAdmin } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { withoutSecrets } from '../notifications/without-secrets.ts';

export async function listSentEmails({ ctx, input }: { ctx: ServiceContext; input: { page?: number; pageSize?: number } }) {
  const admin = requireAdmin(ctx);
  const own = eq(emails.organizationId, admin.organizationId);
  const pageSize = Math.min(Math.max(input.pageSize ?? 50, 1), 200);
  const page = Math.max(input.page ?? 1, 1);
  const [[total], items] = await Promise.all([
    ctx.db.select({ n: count() }).from(emails).where(own),
    ctx.db
      .select({ id: emails.id, template: emails.template, to: emails.to, cc: emails.cc, subject: emails.subject, status: emails.status, attempts: emails.attempts, createdAt: emails.createdAt, sentAt: emails.sentAt })
      .from(emails)
      .where(own)
      .orderBy(desc(emails.createdAt), desc(emails.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);
  return { total: total!.n, page, pageSize, items };
}

export async function getSentEmail({ ctx, input }: { ctx: ServiceContext; input: { emailId: string } }) {
  const admin = requireAdmin(ctx);
  const [row] = await ctx.db.select().from(emails).where(and(eq(emails.id, input.emailId), eq(emails.organizationId, admin.organizationId)));
  if (!row) throw notFound('email');
  // Not yet sent, a reset email still holds its link: an administrator must not be able to use it.
  return { ...row, ...withoutSecrets(row) };
}
