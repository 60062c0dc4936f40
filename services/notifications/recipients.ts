/** Who receives what: a department's mailbox (else its members), its head or deputy, the strategy office. */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { departments, users } from '../../db/schema/index.ts';

export async function departmentRecipients(db: DbOrTx, departmentId: string) {
  const [department] = await db.select().from(departments).where(eq(departments.id, departmentId));
  if (!department) return { department: undefined, to: [] as string[] };
  if (department.email) return { department, to: [department.email] };
  const members = await db.select({ email: users.email }).from(users).where(and(eq(users.departmentId, departmentId), eq(users.active, true)));
  return { department, to: members.map((m) => m.email) };
}

/** The head of a department, or the deputy while the head has delegated. */
export function headOf(department: typeof departments.$inferSelect) {
  if (department.headDelegated && department.deputyEmail) return { email: department.deputyEmail, delegated: true };
  return department.headEmail ? { email: department.headEmail, delegated: false } : undefined;
}

export function strategyOffice(db: DbOrTx, organizationId: string) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.active, true), inArray(users.role, ['strategy_office'])));
}

/**
 * A department's recipients grouped by the language they read: its mailbox reads Japanese (the
 * city's default); without one, each member reads their own.
 */
export async function departmentRecipientsByLocale(db: DbOrTx, departmentId: string) {
  const [department] = await db.select().from(departments).where(eq(departments.id, departmentId));
  if (!department) return { department: undefined, groups: [] };
  if (department.email) return { department, groups: [{ locale: 'ja' as const, to: [department.email] }] };
  const members = await db.select({ email: users.email, locale: users.locale }).from(users).where(and(eq(users.departmentId, departmentId), eq(users.active, true)));
  const locales = [...new Set(members.map((m) => m.locale))].sort();
  return { department, groups: locales.map((locale) => ({ locale, to: members.filter((m) => m.locale === locale).map((m) => m.email) })) };
}
