/**
 * fast-check arbitraries for bad input: nasty scalars, valid-looking values derived from a JSON
 * schema (as the OpenAPI document declares it) and mutations of them, raw bodies, URL pieces
 * and headers. Deeply nested JSON is too deep for JSON.stringify, so it travels as a sentinel
 * string that `serialize` replaces by the raw text.
 */
import fc from 'fast-check';

export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  oneOf?: Schema[];
  anyOf?: Schema[];
}

const DEEP = (kind: 'array' | 'object', depth: number) => `@@DEEP_${kind}_${depth}@@`;
const HUGE = 1_100_000; // over Fastify's 1 MiB body limit
export const hugeString = 'x'.repeat(HUGE);
/** Big enough to pass the body limit but over every declared maxLength. */
const bigJapanese = 'あ'.repeat(60_000);

/** Serializes a generated value, expanding deep-nesting sentinels into raw JSON text. */
export function serialize(value: unknown): string {
  return JSON.stringify(value).replace(/"@@DEEP_(array|object)_(\d+)@@"/g, (_m, kind: string, n: string) =>
    kind === 'array' ? '['.repeat(Number(n)) + ']'.repeat(Number(n)) : '{"a":'.repeat(Number(n)) + '1' + '}'.repeat(Number(n)),
  );
}
export const hasDeepValue = (text: string) => text.includes('@@DEEP_');

export const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1'); select pg_sleep(0.1); --",
  '\\',
  '%',
  '%00',
  '${7*7}',
  '{{7*7}}',
  '<%= it.constructor %>',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  'javascript:alert(1)',
  '=cmd|" /C calc"!A0',
  '__proto__',
  'constructor',
  'x\r\nSet-Cookie: injected=1',
  'x\r\n\r\n<h1>split</h1>',
];

export const UNICODE = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00y', '\ud83d\ude00', '\u202eRTL', '\ufeffBOM', '\uffff', '\u0085', 'e\u0301\u0301\u0301', '𠮷野家', '１２３', ' ', '　', '\t\n'];

export const NUMBERS = [1e308, -1e308, -0, 0.5, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, Number.MAX_SAFE_INTEGER, 'NaN', 'Infinity', '-Infinity', '1e5', '0x10', '１２３', '', ' 5 ', '1,000'];

export const WRONG_TYPES: unknown[] = [null, true, false, 0, 1, [], {}, [1, 2], { a: 1 }, [null], ''];

/** A nasty value of any kind, for a field or a whole body. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 4, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(hugeString, bigJapanese, 'y'.repeat(5000)) },
  { weight: 1, arbitrary: fc.constantFrom(DEEP('array', 5000), DEEP('object', 3000), DEEP('array', 20)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A nasty text for a URL, query value, header or form field. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS.map(String), 'true', 'null', '[]', '{}', 'undefined') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('y'.repeat(5000), bigJapanese) },
);

const types = (s: Schema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A value that the schema accepts (or nearly: lengths and formats are only approximated). */
export function validFrom(schema: Schema, ids: string[]): fc.Arbitrary<unknown> {
  const arb = validNonNull(schema, ids);
  return schema.nullable ? fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }) : arb;
}

function validNonNull(s: Schema, ids: string[]): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const branches = s.oneOf ?? s.anyOf;
  if (branches) return fc.oneof(...branches.map((b) => validFrom(b, ids)));
  const t = types(s).find((x) => x !== 'null');
  switch (t) {
    case 'string':
      return stringFrom(s, ids);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? Math.max(s.minimum ?? 0, 0) + 2030 });
    case 'number':
      return fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validFrom(s.items ?? {}, ids), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) });
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, validFrom(v, ids)]));
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFrom(s: Schema, ids: string[]): fc.Arbitrary<string> {
  const fitted = (arb: fc.Arbitrary<string>) => arb.filter((x) => x.length >= (s.minLength ?? 0) && x.length <= (s.maxLength ?? Infinity));
  const examples = s.example !== undefined ? [fc.constant(String(s.example))] : [];
  switch (s.format) {
    case 'uuid':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() });
    case 'date':
      return fc.date({ min: new Date('2019-01-01'), max: new Date('2101-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('2019-01-01'), max: new Date('2101-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fitted(fc.emailAddress());
    case 'uri':
      return fitted(fc.webUrl());
  }
  return fc.oneof(...examples, fitted(fc.constantFrom('原因', '改善策', '対象外', 'テスト', 'integration', 'a-long-enough-password', '05-01', '09:00')), fitted(fc.string({ minLength: s.minLength ?? 0, maxLength: 30 })));
}

/** A path inside a JSON value: keys and indexes. */
type JsonPath = (string | number)[];
function pathsOf(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

function edit(root: unknown, path: JsonPath, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  if (path.length === 0) return root;
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, path.at(-1)!);
  return copy;
}

/** A schema-valid value with one to three things broken: a wrong value somewhere, a field dropped, an unknown field added. */
export function mutated(schema: Schema, ids: string[]): fc.Arbitrary<unknown> {
  const mutation = fc.tuple(fc.constantFrom('replace', 'replace', 'replace', 'drop', 'extra'), fc.nat(), nastyValue, fc.constantFrom('extra', '__proto__', 'constructor', 'Marker', 'values[0]'));
  return fc.tuple(validFrom(schema, ids), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([value, changes]) => {
    let out = value;
    for (const [kind, pick, nasty, extraKey] of changes) {
      const paths = pathsOf(out);
      const path = paths[pick % paths.length]!;
      if (path.length === 0) {
        if (kind === 'replace') out = nasty;
        else if (kind === 'extra' && out && typeof out === 'object' && !Array.isArray(out)) out = { ...out, [extraKey]: nasty };
        continue;
      }
      out = edit(out, path, (parent, key) => {
        if (kind === 'replace') parent[key] = nasty;
        else if (kind === 'drop') {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
        } else if (!Array.isArray(parent)) Object.defineProperty(parent, extraKey, { value: nasty, enumerable: true, writable: true, configurable: true });
      });
    }
    return out;
  });
}

const BIG_NUMBERS = [2 ** 31, -(2 ** 31) - 1, 1e15, 1e30, 1e308, -1, 0, 0.5];
const ODD_STRINGS = ['a\u0000b', '\ud800', 'あ'.repeat(5000), "' OR 1=1 --", '1e30', '2021-02-30', '9999-12-31T99:99:99Z', '', ' '];

function mapLeaves(value: unknown, f: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, f));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, f)]));
  return f(value);
}

/**
 * A schema-valid value with every number (or every text) replaced by one odd value: the rest
 * stays valid, so the request gets past the fields the odd value is not in and deep into the route.
 */
export function substituted(schema: Schema, ids: string[]): fc.Arbitrary<unknown> {
  return fc.tuple(validFrom(schema, ids), fc.boolean(), fc.constantFrom(...BIG_NUMBERS), fc.constantFrom(...ODD_STRINGS)).map(([value, numbers, n, s]) =>
    mapLeaves(value, (leaf) => (numbers ? (typeof leaf === 'number' ? n : leaf) : typeof leaf === 'string' && !ids.includes(leaf) ? s : leaf)),
  );
}

/** Bodies that are not JSON at all, or not what their content type says. */
export const rawBody: fc.Arbitrary<{ payload: string | Buffer; contentType: string | undefined }> = fc.oneof(
  fc.record({
    payload: fc.constantFrom('{', '{"a":}', '[1,]', 'nul', '{"a":1}{"b":2}', '', ' ', '"just a string"', '123', 'null', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\u0000"}'),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1'),
  }),
  // Invalid UTF-8: a lone continuation byte, an overlong slash, an encoded surrogate, a truncated sequence.
  fc.record({
    payload: fc.constantFrom(
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe3, 0x81, 0x22, 0x7d]),
      Buffer.from([0x80, 0x81, 0x82]),
    ),
    contentType: fc.constant('application/json'),
  }),
  fc.record({
    payload: fc.constantFrom('a=1&b=2', '<x/>', 'PK\u0003\u0004garbage', '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--'),
    contentType: fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=b', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '', 'application/json;;;', 'x/y; charset=\r\n'),
  }),
  fc.record({ payload: fc.constantFrom(hugeString, '[' + '1,'.repeat(600_000) + '1]'), contentType: fc.constant('application/json') }),
  fc.record({ payload: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), contentType: fc.constantFrom('application/json', 'application/octet-stream', 'text/plain') }),
);

/** A piece of URL (path parameter or query value): encoded nasty text, or deliberately broken percent-encoding. */
export interface UrlPiece {
  /** As it goes into the URL. */
  text: string;
  /** What the server should decode it to; absent when the piece is deliberately malformed. */
  value?: string;
}

export function urlPiece(text: fc.Arbitrary<string> = nastyText): fc.Arbitrary<UrlPiece> {
  return fc.oneof(
    { weight: 4, arbitrary: text.map((t) => encode(t)) },
    { weight: 1, arbitrary: fc.constantFrom('%FF%FE', '%', '%zz', '%C0%AF', '%ED%A0%80', '%00', '%E3%81', 'a%2Fb', '..%2F..%2F', '%252e').map((t) => ({ text: t })) },
    { weight: 1, arbitrary: fc.constantFrom('a'.repeat(1_000_000), 'é'.repeat(300)).map((t) => encode(t)) },
  );
}

/** Percent-encodes; a lone surrogate cannot be, so it is replaced (and the value left unknown). */
export function encode(text: string): UrlPiece {
  try {
    return { text: encodeURIComponent(text), value: text };
  } catch {
    return { text: text.replace(/[^A-Za-z0-9]/g, '_') };
  }
}

/** Header changes: junk languages, cookies and bearer tokens, CR/LF injection, htmx and Accept variants. */
const headerChoices = {
  'accept-language': fc.oneof(fc.constantFrom('*;q=abc', 'en', 'ja-JP,en;q=0.9', 'zz-ZZ', ';;;,,,', 'x'.repeat(10_000), 'ja\r\nX-Injected: 1'), nastyText),
  accept: fc.constantFrom('text/html', 'application/json', '*/*', 'text/html;q=abc', 'image/png', ''),
  cookie: fc.oneof(
    fc.constantFrom('lang=xx', 'lang=en', 'lang=\u00ff', 'cityplan_session=forged', 'cityplan_csrf=forged', 'a=b=c; ;;=;', '=;=;', 'cityplan_session=%FF%FE'),
    nastyText.map((t) => `lang=${t}`),
  ),
  authorization: fc.oneof(fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Bearer a b', 'bearer ' + 'x'.repeat(10_000), "Bearer ' OR 1=1 --"), nastyText.map((t) => `Bearer ${t}`)),
  'hx-request': fc.constant('true'),
  'x-injected': fc.constantFrom('a\r\nSet-Cookie: pwn=1', 'a\nb', 'a\u0000b', '\u00e9'),
  'x-forwarded-for': fc.constantFrom('127.0.0.1, evil', "' OR 1=1 --", 'x'.repeat(5000)),
  'if-none-match': fc.constantFrom('*', '"x"', 'W/"\r\n"'),
};
const oneHeader = fc.constantFrom(...(Object.keys(headerChoices) as (keyof typeof headerChoices)[])).chain((name) => headerChoices[name].map((value) => ({ [name]: value })));
/** Mostly none or one junk header; now and then several. */
export const junkHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({}) },
  { weight: 4, arbitrary: oneHeader },
  { weight: 1, arbitrary: fc.array(oneHeader, { minLength: 2, maxLength: 4 }).map((hs) => Object.assign({}, ...hs) as Record<string, string>) },
);
