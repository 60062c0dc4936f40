/**
 * Changes that this install's caches must hear of, carried by PostgreSQL LISTEN/NOTIFY.
 * Writers `announce` inside their transaction: PostgreSQL delivers the notice to every
 * listening process when — and only if — the transaction commits, in commit order. Each API
 * process listens (`listenForChanges`) and drops what the notice names from its caches; when
 * its listening connection is lost and comes back, it drops everything, since notices may
 * have been missed meanwhile.
 *
 * `barrier()` makes a process read its own writes: it sends a notice of its own and waits
 * until it comes back, by which time every notice committed before it has been handled.
 */
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.ts';

const CHANNEL = 'cityplan_changes';

/** `reviews`: review work of an organization changed (its id), announced by triggers (migration 0025). */
export type ChangeKind = 'plan' | 'user' | 'reviews';

export async function announce(tx: DbOrTx, kind: ChangeKind, ids: string[]) {
  for (const id of ids) await tx.execute(sql`select pg_notify(${CHANNEL}, ${`${kind}:${id}`})`);
}

export interface ChangeFeed {
  on(kind: ChangeKind, forget: (id: string) => void): void;
  /** Called when notices may have been missed: forget everything. */
  onReset(forget: () => void): void;
  barrier(): Promise<void>;
  close(): Promise<void>;
}

export async function listenForChanges(db: Database, options: { barrierTimeoutMs?: number } = {}): Promise<ChangeFeed> {
  const handlers = new Map<string, ((id: string) => void)[]>();
  const resets: (() => void)[] = [];
  const waiting = new Map<string, () => void>();
  const reset = () => resets.forEach((forget) => forget());

  const subscription = await db.$client.listen(
    CHANNEL,
    (payload) => {
      const [kind, id] = [payload.slice(0, payload.indexOf(':')), payload.slice(payload.indexOf(':') + 1)];
      if (kind === 'barrier') return waiting.get(id)?.();
      for (const forget of handlers.get(kind) ?? []) forget(id);
    },
    // First listen and every reconnection: whatever was cached before may have changed unheard.
    reset,
  );

  return {
    on: (kind, forget) => handlers.set(kind, [...(handlers.get(kind) ?? []), forget]),
    onReset: (forget) => void resets.push(forget),
    async barrier() {
      const id = crypto.randomUUID();
      const arrived = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), options.barrierTimeoutMs ?? 2000);
        waiting.set(id, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      try {
        await db.$client.notify(CHANNEL, `barrier:${id}`);
        // The notice did not come back in time (listener reconnecting): trust nothing cached.
        if (!(await arrived)) reset();
      } catch {
        reset();
      } finally {
        waiting.delete(id);
      }
    },
    close: () => subscription.unlisten(),
  };
}
