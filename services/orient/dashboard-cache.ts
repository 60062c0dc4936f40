/**
 * Dashboards as served: serialized once per plan content version, fiscal year and day, and
 * kept in this process with their gzip and ETag; rebuilt only when the version or the day
 * moves. The version is bumped by a trigger in the transaction that changes the plan, which announces it
 * (services/cache/changes.ts): this process keeps each plan's version until it hears of a
 * change, so a request costs no query at all.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { ChangeFeed } from '../cache/changes.ts';
import { ReadThroughCache } from '../cache/read-through.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { planContentVersion } from '../plans/content-version.ts';
import { getPlanDashboard, type PlanDashboardInput } from './plan-dashboard.ts';
import { requireUserOrSystem } from '../auth/authorize.ts';

export type PlanDashboard = Awaited<ReturnType<typeof getPlanDashboard>>;

/** A body serialized and compressed ahead of time, with its ETag. */
export interface Prepared {
  json: string;
  brotli: Buffer;
  gzip: Buffer;
  etag: string;
}

export class DashboardCache {
  readonly #entries = new Map<string, Prepared>();
  readonly #building = new Map<string, Promise<Prepared>>();
  readonly versions = new ReadThroughCache<{ organizationId: string; contentVersion: number }>(10_000);

  private readonly maxEntries: number;

  /** An entry is about 0.6 MB (the JSON and its two compressed copies): 64 of them cap this at about 40 MB. */
  constructor(changes: ChangeFeed, maxEntries = 64) {
    this.maxEntries = maxEntries;
    changes.on('plan', (planId) => {
      this.versions.forget((key) => key === planId);
      // The plan's older dashboards will not be asked for again.
      for (const key of this.#entries.keys()) if (key.startsWith(`${planId}|`)) this.#entries.delete(key);
    });
    changes.onReset(() => this.versions.forget());
  }

  /** The entry under `key`, built once however many requests ask for it at the same moment. */
  async get(key: string, build: () => Promise<string>): Promise<Prepared> {
    const hit = this.#entries.get(key);
    if (hit) {
      // Least recently used goes first: a Map keeps insertion order.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    let pending = this.#building.get(key);
    if (!pending) {
      pending = build()
        .then((json) => {
          const entry = {
            json,
            // Compressed once per version, at the best ratio: every request then sends a fraction of the bytes.
            brotli: brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }),
            gzip: gzipSync(json, { level: 9 }),
            etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
          };
          this.#entries.set(key, entry);
          if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
          return entry;
        })
        .finally(() => this.#building.delete(key));
      this.#building.set(key, pending);
    }
    return pending;
  }
}

/** The plan dashboard, serialized by `serialize` (the route's response schema) and cached by content version. */
export async function cachedPlanDashboard({
  ctx,
  input,
  cache,
  serialize,
}: {
  ctx: ServiceContext;
  input: PlanDashboardInput;
  cache: DashboardCache;
  serialize: (dashboard: PlanDashboard) => string;
}): Promise<Prepared> {
  const user = requireUserOrSystem(ctx);
  const plan = await cache.versions.get(input.planId, () => planContentVersion(ctx.db, input.planId));
  // Another organization's plan is "not found", as everywhere.
  if (!plan || (user && plan.organizationId !== user.organizationId)) throw notFound('plan');
  const asOf = input.asOf ?? isoDateInTokyo(ctx.clock.now());
  const key = `${input.planId}|${plan.contentVersion}|${input.fiscalYear ?? 'latest'}|${asOf}`;
  // Built in one snapshot taken after the version was read: that version's content or newer, never a mix.
  return cache.get(key, () =>
    ctx.db.transaction((tx) => getPlanDashboard({ ctx: { ...ctx, db: tx }, input: { ...input, asOf } }).then(serialize), { isolationLevel: 'repeatable read', accessMode: 'read only' }),
  );
}
