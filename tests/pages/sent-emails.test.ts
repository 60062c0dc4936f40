/** Administrators see the sent emails of their own organization only. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../db/schema/index.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { importPlan } from '../../services/plans/import-plan.ts';
import { createUser } from '../../services/users/create-user.ts';
import { DEMO, signIn } from '../helpers/client.ts';
import { systemCtx, useTestApp } from '../helpers/setup.ts';
import { SEED_PLAN_FILE } from '../helpers/test-databases.ts';

let app: FastifyInstance;
let ours: string, theirs: string;

beforeAll(async () => {
  const { app: built, deps } = await useTestApp();
  app = built;
  const other = JSON.parse(readFileSync(SEED_PLAN_FILE, 'utf8'));
  other.organization = { code: 'othertown', name: '別の市' };
  other.plan.code = 'othertown-2nd';
  const imported = await importPlan({ ctx: systemCtx(deps.db), input: other });
  await createUser({ ctx: systemCtx(deps.db), organizationId: imported.organizationId, input: { email: 'admin@othertown.example', name: '別市 管理', role: 'admin', password: 'othertown-password' } });
  const [tomakomai] = (await deps.db.select().from(organizations)).filter((o) => o.code === 'tomakomai');
  const content = (subject: string) => ({ subject, greeting: '様', paragraphs: [], closing: [] });
  ours = (await createEmail(deps.db, { organizationId: tomakomai!.id, reasonKey: 'ours', template: 'test', locale: 'ja', to: ['a@tomakomai.example'], content: content('苫小牧市のメール') }))!;
  theirs = (await createEmail(deps.db, { organizationId: imported.organizationId, reasonKey: 'theirs', template: 'test', locale: 'ja', to: ['b@othertown.example'], content: content('別の市のメール') }))!;
});

describe('the sent emails page', () => {
  it('lists and opens only the organization’s own emails', async () => {
    const admin = await signIn(app, DEMO.admin);
    const list = await admin.get('/admin/emails');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('苫小牧市のメール');
    expect(list.body).not.toContain('別の市のメール');
    expect((await admin.get(`/admin/emails/${ours}`)).statusCode).toBe(200);
    expect((await admin.get(`/admin/emails/${theirs}`)).statusCode).toBe(404);
    const other = await signIn(app, 'admin@othertown.example', 'othertown-password');
    expect((await other.get('/admin/emails')).body).toContain('別の市のメール');
    expect((await other.get('/admin/emails')).body).not.toContain('苫小牧市のメール');
  });
});
