import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox: jobs caused by a state change are written in the same
 * transaction as the change; a relay moves them to the queues (job id from `jobKey`) and a
 * sweep re-publishes what was not confirmed, so a crash between commit and enqueue loses nothing.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /**
     * The job id in the queue is `outbox-<jobKey>`, not the serial id: a database restored
     * from an older backup hands out serials again that Redis has already seen finished (it
     * would drop those jobs as duplicates), but never a random key it has seen.
     */
    jobKey: uuid().notNull().unique().default(sql`gen_random_uuid()`),
    /** The job name in the registry (jobs/registry.ts). */
    job: text().notNull(),
    payload: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
    /** Earliest time the job may run (deadline jobs); null = now. */
    runAt: timestamp({ withTimezone: true }),
    /** Handed to the queue (job id `outbox-<jobKey>`). */
    publishedAt: timestamp({ withTimezone: true }),
    /** The job finished; until then the sweep re-publishes it if the queue lost it. */
    completedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
  },
  // The relay looks for unpublished rows in order; the sweep for unfinished ones.
  (t) => [
    index('outbox_unpublished').on(t.id).where(sql`${t.publishedAt} is null`),
    index('outbox_unfinished').on(t.publishedAt).where(sql`${t.completedAt} is null`),
  ],
);
