/**
 * Another municipality on the same install (`npm run organization:create`). Its plan comes
 * later with `npm run plan:import` (the plan file names the organization by code) and its
 * first administrator with `npm run admin:create -- --organization <code>`.
 */
import { organizations } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, conflict, type FieldProblem, problemAt } from '../errors.ts';
import { requireSystem } from '../auth/authorize.ts';

export interface NewOrganization {
  /** Short, lower-case, used in plan files and on the command line, e.g. "tomakomai". */
  code: string;
  name: string;
  nameEn?: string;
}

const CODE = /^[a-z][a-z0-9-]{1,39}$/;

export async function createOrganization({ ctx, input }: { ctx: ServiceContext; input: NewOrganization }) {
  requireSystem(ctx, 'organizations are created from the command line');
  const problems: FieldProblem[] = [];
  if (!CODE.test(input.code)) problems.push(problemAt('code', { key: 'problems.organizationCode' }));
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) problems.push(problemAt('name', { key: 'problems.lengthBetween', params: { min: 1, max: 100 } }));
  const nameEn = input.nameEn?.trim() || null;
  if (nameEn && nameEn.length > 100) problems.push(problemAt('name-en', { key: 'problems.maxLength', params: { limit: 100 } }));
  if (problems.length) throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  const [row] = await ctx.db
    .insert(organizations)
    .values({ code: input.code, name, nameEn })
    .onConflictDoNothing({ target: organizations.code })
    .returning({ id: organizations.id, code: organizations.code, name: organizations.name });
  if (!row) throw conflict(`an organization with the code "${input.code}" already exists`);
  return row;
}
