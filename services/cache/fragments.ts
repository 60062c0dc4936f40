/**
 * Rendered pieces of staff pages (a page's body, the menu), kept in this process per
 * organization until a notice says that what they show changed (services/cache/changes.ts):
 * `reviews:<organization>` for review work, names and words (db/migrations/0024), `plan:<plan>`
 * for a plan's content (0017), a lost listening connection for everything. A piece built while
 * its organization changed is used once but not kept, and a request after the change never
 * joins a build that started before it: a write request answers after the barrier, so the next
 * page shows the write.
 */
import { ReadThroughCache } from './read-through.ts';
import type { ChangeFeed } from './changes.ts';

export class FragmentCache {
  readonly #entries = new Map<string, unknown>();
  readonly #building = new Map<string, Promise<unknown>>();
  /** Bumped for an organization at each of its changes (`*` for all): a build across a bump is not kept. */
  readonly #generations = new Map<string, number>();
  #epoch = 0;
  /** Each plan's organization and content version, to route a plan's notice and key its pieces. */
  readonly plans = new ReadThroughCache<{ organizationId: string; contentVersion: number }>(10_000);

  private readonly maxEntries: number;

  /** A page body is 20–200 KB of HTML: 2,000 of them cap this at a few hundred MB at worst, far less in practice. */
  constructor(changes: ChangeFeed, maxEntries = 2_000) {
    this.maxEntries = maxEntries;
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
    if (this.#entries.has(full)) {
      const hit = this.#entries.get(full) as T;
      // Least recently used goes first: a Map keeps insertion order.
      this.#entries.delete(full);
      this.#entries.set(full, hit);
      return hit;
    }
    const pending = this.#building.get(full);
    if (pending) return pending as Promise<T>;
    const generation = this.#generation(organizationId);
    const built = build()
      .then((value) => {
        if (this.#generation(organizationId) === generation) {
          this.#entries.set(full, value);
          if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
        }
        return value;
      })
      .finally(() => {
        if (this.#building.get(full) === built) this.#building.delete(full);
      });
    this.#building.set(full, built);
    return built;
  }

  get size() {
    return this.#entries.size;
  }

  #generation(organizationId: string) {
    return `${this.#epoch}.${this.#generations.get(organizationId) ?? 0}`;
  }

  #forget(organizationId: string) {
    this.#generations.set(organizationId, (this.#generations.get(organizationId) ?? 0) + 1);
    const prefix = `${organizationId}|`;
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
    for (const key of this.#building.keys()) if (key.startsWith(prefix)) this.#building.delete(key);
  }

  #forgetAll() {
    this.#epoch++;
    this.#generations.clear();
    this.#entries.clear();
    this.#building.clear();
  }
}
