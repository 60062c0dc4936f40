/**
 * One fuzzed request per generated value: path parameters, query, body and headers for an
 * operation, as fast-check arbitraries over the fuzzer's world (real ids of each kind).
 */
import fc from 'fast-check';
import { encode, junkHeaders, mutated, nastyText, nastyValue, rawBody, serialize, substituted, urlPiece, validFrom, type UrlPiece } from './arbitraries.ts';
import type { Operation, Parameter } from './routes.ts';

export interface Body {
  payload: string | Buffer;
  contentType?: string;
  /** Set when the payload is JSON the fuzzer serialized itself, so its validity can be judged. */
  json?: string;
}

export interface FuzzRequest {
  params: UrlPiece[];
  query: { key: string; piece: UrlPiece }[];
  body?: Body;
  headers: Record<string, string>;
  /** Page forms: which CSRF token to send. */
  csrf: 'own' | 'missing' | 'forged';
}

export interface Inputs {
  ids: Record<string, string[]>;
  /** Per page route (`POST /tasks/{taskId}/submit`): field names and the values its forms offer. */
  formFields: Map<string, Map<string, Set<string>>>;
  sheet: Buffer;
}

const allIds = (inputs: Inputs) => Object.values(inputs.ids).flat();

function paramArb(p: Parameter, inputs: Inputs): fc.Arbitrary<UrlPiece> {
  const real = inputs.ids[p.name] ?? [];
  const choices: fc.WeightedArbitrary<UrlPiece>[] = [
    { weight: 2, arbitrary: fc.uuid().map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...allIds(inputs)).map(encode) },
    { weight: 3, arbitrary: urlPiece() },
  ];
  if (real.length) {
    choices.push({ weight: 10, arbitrary: fc.constantFrom(...real).map(encode) });
    choices.push({ weight: 1, arbitrary: fc.constantFrom(...real).map((id) => encode(`${id.toUpperCase()}`)) });
  }
  return fc.oneof(...choices);
}

/** Strings for a query value of this schema: what it declares, or anything else. */
function queryValues(p: Parameter, inputs: Inputs): fc.Arbitrary<UrlPiece[]> {
  const valid = validFrom(p.schema, allIds(inputs)).map((v) => (Array.isArray(v) ? v : [v]).map((x) => encode(String(x))));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant<UrlPiece[]>([]) },
    { weight: 4, arbitrary: valid },
    { weight: 2, arbitrary: urlPiece().map((x) => [x]) },
    { weight: 1, arbitrary: fc.array(urlPiece(), { minLength: 2, maxLength: 3 }) },
  );
}

const PAGE_QUERY = ['lang', 'next', 'fiscalYear', 'planId', 'cycleId', 'marker', 'status', 'page', 'departmentId', 'order'];

function queryArb(op: Operation, inputs: Inputs): fc.Arbitrary<FuzzRequest['query']> {
  const declared: Parameter[] = op.query.length ? op.query : op.page && op.method === 'GET' ? PAGE_QUERY.map((name) => ({ name, schema: {}, required: false })) : [];
  const pageValue = fc.oneof(fc.constantFrom(...allIds(inputs), '2021', '2024', 'en', 'ja', 'kpi_changed', '/tasks', '//evil.example').map(encode), urlPiece());
  const values = declared.map((p) => (op.page ? fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: pageValue.map((x) => [x]) }) : queryValues(p, inputs)));
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.record({ key: fc.constantFrom('extra', '__proto__', 'constructor', 'a[b]', 'fiscalYear[]', 'lang', 'limit', ''), piece: urlPiece() }), { maxLength: 2 }) },
  );
  return fc.tuple(fc.tuple(...values), extra).map(([vs, more]) => [...declared.flatMap((p, i) => vs[i]!.map((piece) => ({ key: p.name, piece }))), ...more]);
}

const json = (value: unknown): Body => {
  const text = serialize(value);
  return { payload: text, contentType: 'application/json', json: text };
};

function apiBodyArb(op: Operation, inputs: Inputs): fc.Arbitrary<Body | undefined> {
  if (op.method === 'GET' || op.method === 'DELETE') return fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: rawBody });
  if (op.path.endsWith('/sheet')) {
    const sheet = inputs.sheet;
    const damaged = fc.tuple(fc.nat({ max: sheet.length - 1 }), fc.nat({ max: 255 })).map(([at, byte]) => Buffer.concat([sheet.subarray(0, at), Buffer.from([byte]), sheet.subarray(at + 1)]));
    const truncated = fc.nat({ max: sheet.length }).map((n) => sheet.subarray(0, n));
    return fc.oneof(
      fc.oneof(fc.constant(sheet), damaged, truncated).map((payload) => ({ payload, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })),
      rawBody,
      nastyValue.map(json),
    );
  }
  if (!op.body) return fc.oneof(fc.constant(undefined), fc.constant(json({})), nastyValue.map(json), rawBody);
  const ids = allIds(inputs);
  return fc.oneof(
    { weight: 3, arbitrary: validFrom(op.body, ids).map(json) },
    { weight: 5, arbitrary: mutated(op.body, ids).map(json) },
    { weight: 3, arbitrary: substituted(op.body, ids).map(json) },
    { weight: 2, arbitrary: rawBody },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A form for a page POST: the fields its forms have, with offered values, nasty text or repeats. */
function formBodyArb(op: Operation, inputs: Inputs): fc.Arbitrary<Body | undefined> {
  const fields = [...(inputs.formFields.get(`${op.method} ${op.path}`) ?? new Map<string, Set<string>>())].filter(([name]) => name !== '_csrf');
  const valueArb = (offered: Set<string>) =>
    fc.oneof(
      { weight: 4, arbitrary: offered.size ? fc.constantFrom(...offered) : fc.constantFrom('1', 'テスト') },
      { weight: 1, arbitrary: fc.constantFrom(...allIds(inputs)) },
      { weight: 3, arbitrary: nastyText },
    );
  const fieldArb = fields.map(([, offered]) =>
    fc.oneof({ weight: 1, arbitrary: fc.constant([] as string[]) }, { weight: 5, arbitrary: valueArb(offered).map((v) => [v]) }, { weight: 1, arbitrary: fc.array(valueArb(offered), { minLength: 2, maxLength: 3 }) }),
  );
  const form = fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.tuple(...fieldArb) }, { weight: 1, arbitrary: nastyText.map((t) => fields.map(() => [t])) }), fc.array(fc.tuple(fc.constantFrom('extra', '__proto__', 'values[99].value', 'proposed.x'), nastyText), { maxLength: 1 })).map(([values, extra]) => {
    const pairs: [string, string][] = [...fields.flatMap(([name], i) => values[i]!.map((v): [string, string] => [name, v])), ...extra];
    return { payload: new URLSearchParams(pairs).toString(), contentType: 'application/x-www-form-urlencoded' } as Body;
  });
  const tooBig = fc.constant({ payload: `comment=${'x'.repeat(300_000)}`, contentType: 'application/x-www-form-urlencoded' });
  return fc.oneof({ weight: 10, arbitrary: form }, { weight: 1, arbitrary: rawBody }, { weight: 1, arbitrary: tooBig }, { weight: 1, arbitrary: fc.constant(undefined) });
}

export function requestArb(op: Operation, inputs: Inputs): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    params: fc.tuple(...op.pathParams.map((p) => paramArb(p, inputs))),
    query: queryArb(op, inputs),
    body: op.page && op.method === 'POST' ? formBodyArb(op, inputs) : apiBodyArb(op, inputs),
    headers: junkHeaders,
    csrf: fc.constantFrom('own', 'own', 'own', 'own', 'own', 'own', 'own', 'own', 'missing', 'forged'),
  });
}
