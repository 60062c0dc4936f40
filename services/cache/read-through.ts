/**
 * A small in-process cache whose entries a ChangeFeed drops. Reads that race a change do not
 * store what they read: every drop bumps an epoch, and a value read across a drop is used
 * once but not kept.
 */
export class ReadThroughCache<V> {
  readonly #entries = new Map<string, V>();
  #epoch = 0;

  private readonly maxEntries: number;

  constructor(maxEntries: number) {
    this.maxEntries = maxEntries;
  }

  async get(key: string, read: () => Promise<V | undefined>, stillGood: (value: V) => boolean = () => true): Promise<V | undefined> {
    const hit = this.#entries.get(key);
    if (hit !== undefined && stillGood(hit)) return hit;
    const epoch = this.#epoch;
    const value = await read();
    if (value !== undefined && epoch === this.#epoch) {
      if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** Drops the entries `matches` picks (all of them without it). */
  forget(matches?: (key: string, value: V) => boolean) {
    this.#epoch++;
    if (!matches) return this.#entries.clear();
    for (const [key, value] of this.#entries) if (matches(key, value)) this.#entries.delete(key);
  }
}
