/**
 * Authorization rules, checked on the server for every request. A department member acts
 * for its own department only; the strategy office (and admin) for all of its organization.
 * Things of another organization or another department are "not found", never "forbidden",
 * so their existence is not revealed.
 */
import type { AuthUser, ServiceContext } from '../context.ts';
import { forbidden, notFound, ServiceError } from '../errors.ts';

const signInFirst = () => new ServiceError('UNAUTHORIZED', 'sign in first');

export function requireUser(ctx: ServiceContext): AuthUser {
  if (ctx.actor.type !== 'user') throw signInFirst();
  return ctx.actor.user;
}

/**
 * For verbs the system may run too (jobs, command line, seeding): the user, or null for the
 * system, which is then not scoped to an organization. Anonymous is refused.
 */
export function requireUserOrSystem(ctx: ServiceContext): AuthUser | null {
  if (ctx.actor.type === 'anonymous') throw signInFirst();
  return ctx.actor.type === 'user' ? ctx.actor.user : null;
}

/** For verbs only the system runs: the command line (the first administrator, a new organization) and the worker's jobs (services/system-work.ts). */
export function requireSystem(ctx: ServiceContext, refusal: string): void {
  if (ctx.actor.type === 'anonymous') throw signInFirst();
  if (ctx.actor.type !== 'system') throw forbidden(refusal);
}

export const isStrategyOffice = (user: AuthUser) => user.role === 'strategy_office' || user.role === 'admin';

export function requireStrategyOffice(ctx: ServiceContext): AuthUser {
  const user = requireUser(ctx);
  if (!isStrategyOffice(user)) throw forbidden('only the strategy office may do this');
  return user;
}

export function requireAdmin(ctx: ServiceContext): AuthUser {
  const user = requireUser(ctx);
  if (user.role !== 'admin') throw forbidden('only an administrator may do this');
  return user;
}

/** The thing belongs to the user's organization, or it does not exist as far as they know. */
export function assertSameOrganization(user: AuthUser, organizationId: string, what: string): void {
  if (user.organizationId !== organizationId) throw notFound(what);
}

/** A department member may see and act on its own department's things only. */
export function canActFor(user: AuthUser, departmentIds: string | string[]): boolean {
  if (isStrategyOffice(user)) return true;
  const ids = Array.isArray(departmentIds) ? departmentIds : [departmentIds];
  return user.departmentId !== null && ids.includes(user.departmentId);
}

export function assertCanActFor(user: AuthUser, departmentIds: string | string[], what: string): void {
  if (!canActFor(user, departmentIds)) throw notFound(what);
}
