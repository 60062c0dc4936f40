/**
 * Authorization rules, checked on the server for every request. A department member acts
 * for its own department only; the strategy office (and admin) for all of its organization.
 * Things of another organization or another department are "not found", never "forbidden",
 * so their existence is not revealed.
 */
import type { AuthUser, ServiceContext } from '../context.ts';
import { forbidden, notFound, ServiceError } from '../errors.ts';

export function requireUser(ctx: ServiceContext): AuthUser {
  if (ctx.actor.type !== 'user') throw new ServiceError('UNAUTHORIZED', 'sign in first');
  return ctx.actor.user;
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
