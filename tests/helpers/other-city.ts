/**
 * Another municipality in the same install: the seed plan imported as "othertown" (no 苫小牧
 * or Tomakomai anywhere in it, departments with names of their own), with the staff asked for.
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../../db/client.ts';
import type { Role } from '../../db/schema/access/constants.ts';
import { importPlan } from '../../services/plans/import-plan.ts';
import { createUser } from '../../services/users/create-user.ts';
import { systemCtx } from './setup.ts';
import { SEED_PLAN_FILE } from './test-databases.ts';

export const OTHER_CITY_PASSWORD = 'othertown-password';

export async function addOtherCity(db: Database, staff: { email: string; name: string; role: Role }[]) {
  const plan = JSON.parse(readFileSync(SEED_PLAN_FILE, 'utf8').replaceAll('苫小牧', '別の').replace(/tomakomai/gi, 'othertown'));
  plan.organization = { code: 'othertown', name: '別の市', nameEn: 'Othertown City' };
  plan.departments = plan.departments.map((d: { name: string }, i: number) => ({ ...d, name: `別市第${i + 1}部署`, nameEn: `Division ${i + 1}` }));
  const { organizationId } = await importPlan({ ctx: systemCtx(db), input: plan });
  const users = [];
  for (const input of staff) users.push(await createUser({ ctx: systemCtx(db), organizationId, input: { ...input, password: OTHER_CITY_PASSWORD } }));
  return { organizationId, users, planText: JSON.stringify(plan) };
}
