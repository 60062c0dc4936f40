/** Query-string values as pages read them: anything malformed is simply "not given", never an error. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Query = Record<string, unknown>;

export function intParam(query: Query, name: string, min: number, max: number): number | undefined {
  const raw = query[name];
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

export function uuidParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  return typeof raw === 'string' && UUID.test(raw) ? raw : undefined;
}

export function enumParam<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const raw = query[name];
  return typeof raw === 'string' && (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/** The query string of some filters, without the empty ones: for links that keep the filters. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}
