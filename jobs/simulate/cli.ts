/**
 * `npm run simulate [-- --keep]`: plays the FY2022 review season of the
 * Tomakomai plan (30 April – 31 August 2023) in seconds, in a database of its own, against a
 * real SMTP server started here, and prints what went to whom and when. It ends by checking
 * that the SMTP server received exactly the emails the system recorded as sent, once each.
 * Needs PostgreSQL and Redis (DATABASE_URL names the server; the simulation creates and
 * drops its own database unless --keep). Its queues live under `<QUEUE_PREFIX>-sim-<stamp>`
 * (`cityplan-sim-<stamp>` when unset) and every key under that prefix is removed when it ends.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { pino } from 'pino';
import { eq } from 'drizzle-orm';
import { createDatabase } from '../../db/client.ts';
import { emails, departments } from '../../db/schema/index.ts';
import { ensureDatabase, migrateDatabase } from '../../db/migrate.ts';
import { connectRedis, exitOnBootError } from '../../services/boot.ts';
import { parseConfig } from '../../services/config.ts';
import { formatDateJa } from '../../services/fiscal-year.ts';
import { importPlan } from '../../services/plans/import-plan.ts';
import { readPlanFile } from '../../services/plans/seed-plan.ts';
import { createDemoUsers } from '../../services/users/demo-users.ts';
import { waitForIdle } from '../idle.ts';
import { removeQueueKeys } from '../queue-keys.ts';
import { runWorker } from '../run-worker.ts';
import { playSeason, simulationClock, subscribeCouncilMember, type SeasonEvent } from './season.ts';
import { startSmtpSink } from './smtp-sink.ts';

const { values: args } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });

const base = (() => {
  try {
    return parseConfig(process.env);
  } catch (error) {
    return exitOnBootError(error);
  }
})();
const stamp = Date.now().toString(36);
const url = new URL(base.databaseUrl);
url.pathname = `/cityplan_sim_${stamp}`;
const sink = await startSmtpSink();
// Queues of its own under QUEUE_PREFIX (never the install's own queues: it removes them when it ends).
const queuePrefix = `${base.queuePrefixSet ? base.queuePrefix : 'cityplan'}-sim-${stamp}`;
const config = { ...base, databaseUrl: url.toString(), smtpUrl: sink.url, queuePrefix, logLevel: 'silent' as const };

console.log(`simulate: database ${url.pathname.slice(1)}, queues ${queuePrefix}, SMTP sink ${sink.url}`);
await ensureDatabase(config.databaseUrl).catch(exitOnBootError);
await migrateDatabase(config.databaseUrl);
const { db, close } = createDatabase(config.databaseUrl);
const redis = await connectRedis(config, 'simulate').catch(exitOnBootError);
const clock = simulationClock(new Date('2023-04-30T08:00:00+09:00'));
const system = { db, clock, actor: { type: 'system' as const, name: 'simulate' } };
await importPlan({ ctx: system, input: await readPlanFile(base.seedPlanFile || 'db/seed/tomakomai-2020-2024.plan.json') });
await createDemoUsers(system);
await subscribeCouncilMember(db, 'council.member@example.jp', '総合戦略推進会議 委員');
// The head of 介護福祉課 is away: escalations go to the deputy.
await db.update(departments).set({ headDelegated: true }).where(eq(departments.code, 'care-welfare'));

const events: SeasonEvent[] = [];
const deps = { config, db, redis, clock };
const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 20, log: pino({ level: 'silent' }) });
sink.received.length = 0;
let seen = 0;
const collect = () => {
  for (; seen < sink.received.length; seen++) {
    const m = sink.received[seen]!;
    events.push({ at: clock.now(), kind: 'email', text: `→ ${m.to.join(', ')}  ${m.subject}` });
  }
};

const started = Date.now();
try {
  await playSeason(deps, worker, {
    fiscalYear: 2022,
    lateDepartments: ['care-welfare', 'tourism-promotion'],
    silentDepartments: ['crisis-management'],
    days: { first: '2023-04-30', last: '2023-08-31', onTime: '2023-06-20', late: '2023-07-12', waive: '2023-07-21' },
  }, {
    idle: async () => {
      await waitForIdle(worker, 60_000);
      collect();
    },
    log: (event) => events.push(event),
  });
} catch (error) {
  console.error('simulate: the season stopped:', error);
  process.exitCode = 1;
}

printTimeline(events);
const sent = await db.select().from(emails).where(eq(emails.status, 'sent'));
const ids = sink.received.map((m) => m.messageId);
const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
const missing = sent.filter((e) => !ids.includes(e.messageId ?? ''));
const perTemplate = new Map<string, number>();
for (const e of sent) perTemplate.set(e.template, (perTemplate.get(e.template) ?? 0) + 1);
const byTemplate = [...perTemplate].map(([template, n]) => `${template} ${n}`).join(', ');
console.log(`\n${sent.length} emails sent (${byTemplate}); the SMTP server received ${sink.received.length}.`);
console.log(duplicates.length || missing.length ? `NOT exactly once: ${duplicates.length} duplicate(s), ${missing.length} missing` : 'Each email was received exactly once.');
console.log(`Played in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

await worker.close();
const removed = await removeQueueKeys(redis, queuePrefix);
console.log(`Removed its ${removed} Redis keys.`);
redis.disconnect();
await close();
await sink.stop();
if (!args.keep) {
  const admin = postgres(new URL('/postgres', base.databaseUrl).toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "cityplan_sim_${stamp}" with (force)`);
  await admin.end();
} else {
  console.log(`kept database ${url.pathname.slice(1)}`);
}
process.exit(duplicates.length || missing.length ? 1 : 0);

function printTimeline(list: SeasonEvent[]) {
  let day = '';
  for (const e of list) {
    const d = formatDateJa(e.at);
    if (d !== day) {
      console.log(`\n${d}`);
      day = d;
    }
    const time = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(e.at);
    console.log(`  ${time} ${e.kind === 'action' ? '●' : ' '} ${e.text}`);
  }
}
