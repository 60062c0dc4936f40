/**
 * Another municipality on the same install (`npm run organization:create`). Its plan comes
 * later with `npm run plan:import` (the plan file names the organization by code) and its
 * first administrator with `npm run admin:create -- --organization <code>`.
 */
import { organizations } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, conflict } from '../errors.ts';
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
  const problems = [];
  if (!CODE.test(input.code)) problems.push({ field: 'code', message: 'must be 2 to 40 lower-case letters, digits or hyphens, starting with a letter (e.g. tomakomai)' });
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) problems.push({ field: 'name', message: 'must be 1 to 100 characters' });
  const nameEn = input.nameEn?.trim() || null;
  if (nameEn && nameEn.length > 100) problems.push({ field: 'name-en', message: 'must be at most 100 characters' });
  if (problems.length) throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  const [row] = await ctx.db
    .insert(organizations)
    .values({ code: input.code, name, nameEn })
    .onConflictDoNothing({ target: organizations.code })
    .returning({ id: organizations.id, code: organizations.code, name: organizations.name });
  if (!row) throw conflict(`an organization with the code "${input.code}" already exists`);
  return row;
}
