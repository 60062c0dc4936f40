/**
 * Rendered pieces of staff pages (a page's body, the menu), kept in this process per
 * organization until a notice says that what they show changed (services/cache/changes.ts):
 * `reviews:<organization>` for review work, names and words (db/migrations/0025), `plan:<plan>`
 * for a plan's content (0017), a lost listening connection for everything. A piece built while
 * its organization changed is used once but not kept, and a request after the change never
 * joins a build that started before it: a write request answers after the barrier, so the next
 * page shows the write.
 */
import { ReadThroughCache } from './read-through.ts';
import type { ChangeFeed } from './changes.ts';

/** About what a cached value holds in memory: its buffers' bytes, UTF-16 for its text (measured once, when built). */
function bytesOf(value: unknown): number {
  const of = (v: unknown): number => {
    if (Buffer.isBuffer(v)) return v.length;
    if (typeof v === 'string') return 2 * v.length;
    if (Array.isArray(v) && v.every((x) => Buffer.isBuffer(x))) return v.reduce((n: number, x: Buffer) => n + x.length, 0);
    return 2 * (JSON.stringify(v)?.length ?? 0);
  };
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : [value];
  return entries.reduce((n: number, v) => n + of(v), 256);
}

export class FragmentCache {
  readonly #entries = new Map<string, { value: unknown; bytes: number }>();
  #bytes = 0;
  readonly #building = new Map<string, Promise<unknown>>();
  /** Bumped for an organization at each of its changes (`*` for all): a build across a bump is not kept. */
  readonly #generations = new Map<string, number>();
  #epoch = 0;
  /** Each plan's organization and content version, to route a plan's notice and key its pieces. */
  readonly plans = new ReadThroughCache<{ organizationId: string; contentVersion: number }>(10_000);

  private readonly maxBytes: number;

  /** A page body is 10–300 KB (UTF-16), a plan's dashboard data about 1 MB: 64 MB keeps a few hundred of them. */
  constructor(changes: ChangeFeed, maxBytes = 64 * 1024 * 1024) {
    this.maxBytes = maxBytes;
    changes.on('reviews', (organizationId) => this.#forget(organizationId));
    changes.on('plan', (planId) => {
      let organizationId: string | undefined;
      this.plans.forget((key, plan) => key === planId && Boolean((organizationId = plan.organizationId)));
      // A plan this process has not read (a new one): its organization is unknown here, so everything goes.
      if (organizationId) this.#forget(organizationId);
      else this.#forgetAll();
    });
    changes.onReset(() => {
      this.plans.forget();
      this.#forgetAll();
    });
  }

  /** The piece under `key` of the organization's pages, built once however many requests ask at the same moment. */
  async get<T>(organizationId: string, key: string, build: () => Promise<T>): Promise<T> {
    const full = `${organizationId}|${key}`;
    const hit = this.#entries.get(full);
    if (hit) {
      // Least recently used goes first: a Map keeps insertion order.
      this.#entries.delete(full);
      this.#entries.set(full, hit);
      return hit.value as T;
    }
    const pending = this.#building.get(full);
    if (pending) return pending as Promise<T>;
    const generation = this.#generation(organizationId);
    const built = build()
      .then((value) => {
        if (this.#generation(organizationId) === generation) {
          const bytes = bytesOf(value);
          this.#bytes += bytes - (this.#entries.get(full)?.bytes ?? 0);
          this.#entries.set(full, { value, bytes });
          for (const [key, entry] of this.#entries) {
            if (this.#bytes <= this.maxBytes) break;
            this.#entries.delete(key);
            this.#bytes -= entry.bytes;
          }
        }
        return value;
      })
      .finally(() => {
        if (this.#building.get(full) === built) this.#building.delete(full);
      });
    this.#building.set(full, built);
    return built;
  }

  /** What the entries hold, about (bytes). */
  get bytes() {
    return this.#bytes;
  }

  #generation(organizationId: string) {
    return `${this.#epoch}.${this.#generations.get(organizationId) ?? 0}`;
  }

  #forget(organizationId: string) {
    this.#generations.set(organizationId, (this.#generations.get(organizationId) ?? 0) + 1);
    const prefix = `${organizationId}|`;
    for (const [key, entry] of this.#entries) {
      if (!key.startsWith(prefix)) continue;
      this.#entries.delete(key);
      this.#bytes -= entry.bytes;
    }
    for (const key of this.#building.keys()) if (key.startsWith(prefix)) this.#building.delete(key);
  }

  #forgetAll() {
    this.#epoch++;
    this.#generations.clear();
    this.#entries.clear();
    this.#bytes = 0;
    this.#building.clear();
  }
}
