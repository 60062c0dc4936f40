/**
 * Property-based fuzzing of every route as every role. Each operation of the OpenAPI document
 * (the JSON API, reports, the public page and the staff pages, whose forms post with CSRF) gets
 * generated requests: real ids, random UUIDs and junk in the path; declared, out-of-range,
 * repeated and extra query parameters; bodies derived from the declared schema and then broken
 * (wrong types, missing and unknown fields, 1 MB strings, JSON nested thousands deep, lone
 * surrogates, NUL), raw bodies that are not JSON or not UTF-8; junk and CR/LF-injected headers.
 * Every response must be below 500; every refusal must name its problem and write no row
 * (a trigger on every table counts rows written).
 *
 * More inputs: FUZZ_RUNS=50 npx vitest run tests/fuzz   (runs per route × role; default 3)
 * Another sequence: FUZZ_SEED=1234 npx vitest run tests/fuzz   (the seed is printed)
 */
import Ajv, { type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { withInputFormats } from '../../services/input-formats.ts';
import { recordCount } from '../helpers/counts.ts';
import { useTestApp } from '../helpers/setup.ts';
import type { Schema } from './arbitraries.ts';
import { requestArb, type FuzzRequest, type Inputs } from './requests.ts';
import { formsOf, matchOperation, operationsOf, servedRoutes, type Operation } from './routes.ts';
import { ROLES, buildWorld, type Identity, type World } from './world.ts';
import { installWriteCounter, writeCounts, writesBetween } from './write-counter.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);

const { app, deps } = await useTestApp();
const sql = deps.database.sql;
await app.ready();
const doc = app.swagger() as never;
const operations = operationsOf(doc);
let world: World;
let inputs: Inputs;
let tablesCounted = 0;
const tally = { tried: 0, refusedByNode: 0, refused: 0, refusedBySchema: 0, statuses: new Map<number, number>(), routes: new Set<string>() };
const failedOperations: string[] = [];

// The server's Ajv settings (services/http/strict-inputs.ts), to tell which inputs its schemas refuse: query and path text is coerced, JSON bodies are not.
const ajvOptions = { useDefaults: true, allErrors: true, discriminator: true, strictNumbers: true, removeAdditional: false, strict: false } as const;
// The server's formats too (services/input-formats.ts: ajv-formats' and `evidence-reference`).
const ajv = withInputFormats(new Ajv.default({ ...ajvOptions, coerceTypes: 'array' }));
const bodyAjv = withInputFormats(new Ajv.default({ ...ajvOptions, coerceTypes: false }));
// A route that declares parameters refuses others (strict inputs), and so does every API route; elsewhere a route that declares none has no schema to refuse them.
const objectOf = (params: Operation['query'], strict: boolean): Schema => ({
  type: 'object',
  properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
  required: params.filter((p) => p.required).map((p) => p.name),
  ...(params.length || strict ? { additionalProperties: false } : {}),
});
const validators = new Map<Operation, { params: ValidateFunction; query: ValidateFunction; body?: ValidateFunction }>(
  operations.map((op) => [op, { params: ajv.compile(objectOf(op.pathParams, true)), query: ajv.compile(objectOf(op.query, op.path.startsWith('/api/'))), body: op.body ? bodyAjv.compile(op.body) : undefined }]),
);

beforeAll(async () => {
  world = await buildWorld(app, deps);
  tablesCounted = await installWriteCounter(sql);
  // The fields of every form the pages render, as each role sees them.
  const formFields = new Map<string, Map<string, Set<string>>>();
  for (const identity of Object.values(world.identities)) {
    for (const url of world.pages) {
      const page = await app.inject({ url, headers: { cookie: identity.cookie } });
      for (const form of formsOf(page.body)) {
        const op = matchOperation(operations, 'POST', form.action);
        if (!op) continue;
        const key = `POST ${op.path}`;
        const fields = formFields.get(key) ?? formFields.set(key, new Map()).get(key)!;
        for (const [name, values] of form.fields) fields.set(name, new Set([...(fields.get(name) ?? []), ...values]));
      }
    }
  }
  inputs = { ids: world.ids, formFields, sheet: world.sheet };
  console.log(`[fuzz] seed ${SEED}, ${RUNS} run(s) per route × role, ${operations.length} operations, ${ROLES.length} roles, forms of ${formFields.size} page routes`);
});

function urlOf(op: Operation, req: FuzzRequest) {
  let i = 0;
  const path = op.path.replace(/\{\w+\}/g, () => req.params[i++]!.text);
  const query = req.query.map((q) => `${encodeURIComponent(q.key)}=${q.piece.text}`).join('&');
  return query ? `${path}?${query}` : path;
}

function headersOf(identity: Identity, op: Operation, req: FuzzRequest) {
  const headers: Record<string, string> = { ...req.headers };
  const cookies = [identity.cookie, req.headers.cookie].filter(Boolean).join('; ');
  if (cookies) headers.cookie = cookies;
  else delete headers.cookie;
  if (identity.authorization && !req.headers.authorization) headers.authorization = identity.authorization;
  if (req.body?.contentType !== undefined) headers['content-type'] = req.body.contentType;
  if (op.page && op.method === 'GET' && !headers.accept) headers.accept = 'text/html';
  return headers;
}

function payloadOf(op: Operation, identity: Identity, req: FuzzRequest) {
  const body = req.body;
  if (!body || !(op.page && op.method === 'POST' && body.contentType === 'application/x-www-form-urlencoded')) return body?.payload;
  const token = req.csrf === 'own' ? identity.csrf : req.csrf === 'forged' ? 'forged-token' : undefined;
  return token === undefined ? body.payload : `_csrf=${encodeURIComponent(token)}&${body.payload}`;
}

/** Would the route's declared schemas refuse this request? Undefined when the fuzzer cannot tell (malformed pieces, raw bodies, pages). */
function schemaRefuses(op: Operation, req: FuzzRequest): boolean | undefined {
  // Pages check their forms themselves; a body that fails to parse, or carries a key Fastify refuses as prototype poisoning, never reaches the schema.
  if (op.page || (req.body && (req.body.json === undefined || /"(__proto__|constructor)":/.test(req.body.json)))) return undefined;
  const pieces = [...req.params, ...req.query.map((q) => q.piece)];
  if (pieces.some((p) => p.value === undefined)) return undefined;
  const v = validators.get(op)!;
  const params = Object.fromEntries(op.pathParams.map((p, i) => [p.name, req.params[i]!.value]));
  const query: Record<string, string | string[]> = {};
  for (const { key, piece } of req.query) query[key] = key in query ? [query[key]!].flat().concat(piece.value!) : piece.value!;
  if (!v.params(params) || !v.query(query)) return true;
  if (!v.body || !req.body?.json) return v.body ? undefined : false;
  return !v.body(JSON.parse(req.body.json));
}

const short = (text: string, n = 300) => (text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text);

/** What is wrong with this response, if anything. */
function problemsWith(res: LightMyRequestResponse, refusedBySchema: boolean | undefined, writes: { key: string; n: number }[]): string[] {
  const problems: string[] = [];
  const status = res.statusCode;
  if (status >= 500) problems.push(`server error ${status}`);
  if (Object.keys(res.headers).some((h) => h.includes('injected')) || String(res.headers['set-cookie'] ?? '').match(/pwn|injected/)) problems.push('an injected header came back');
  if (status < 400) return problems;
  if (writes.length) problems.push(`refused (${status}) but wrote ${writes.map((w) => `${w.key} ×${w.n}`).join(', ')}`);
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('json')) {
    let error: { code?: unknown; message?: unknown; problems?: { field?: unknown; message?: unknown }[] } | undefined;
    try {
      error = res.json().error;
    } catch {
      problems.push('error body is not JSON');
    }
    if (error) {
      if (typeof error.code !== 'string' || !error.code) problems.push('error.code is empty');
      if (typeof error.message !== 'string' || !error.message) problems.push('error.message is empty');
      if (error.problems !== undefined && (!Array.isArray(error.problems) || !error.problems.length || error.problems.some((p) => typeof p.field !== 'string' || !p.field || typeof p.message !== 'string' || !p.message))) {
        problems.push('error.problems do not each name a field and say what is wrong');
      }
      if (status === 400 && refusedBySchema && !error.problems?.length) problems.push('a request its schema refuses got a 400 without problems naming the fields');
    } else if (!problems.length) problems.push('error body has no error object');
  } else if (!res.body.trim() && !(status === 401 && res.headers['hx-redirect'])) {
    // htmx is answered 401 with HX-Redirect to the login page and nothing else.
    problems.push('empty error body');
  }
  return problems;
}

async function probe(op: Operation, identity: Identity, req: FuzzRequest) {
  const url = urlOf(op, req);
  const headers = headersOf(identity, op, req);
  const payload = payloadOf(op, identity, req);
  const before = await writeCounts(sql);
  let res: LightMyRequestResponse;
  try {
    res = await app.inject({ method: op.method, url, headers, ...(payload === undefined ? {} : { payload }) });
  } catch (error) {
    // Node refuses to carry some header values (CR/LF, NUL): such a request never reaches a server.
    if ((error as { code?: string }).code === 'ERR_INVALID_CHAR' || (error as { code?: string }).code === 'ERR_HTTP_INVALID_HEADER_VALUE') {
      tally.refusedByNode++;
      return;
    }
    throw error;
  }
  const after = await writeCounts(sql);
  tally.tried++;
  tally.statuses.set(res.statusCode, (tally.statuses.get(res.statusCode) ?? 0) + 1);
  // A bearer token records when it was last used, and a session when it was last seen (at most once a minute, for the idle
  // timeout), on every request they authenticate: the use happened even if the request is then refused.
  const writes = writesBetween(before, after).filter(
    (w) => !(identity.role === 'integration' && w.key === 'api_tokens UPDATE (last_used_at)') && w.key !== 'sessions UPDATE (last_seen_at)',
  );
  const refusedBySchema = schemaRefuses(op, req);
  if (res.statusCode >= 400) tally.refused++;
  if (res.statusCode === 400 && refusedBySchema) tally.refusedBySchema++;
  const problems = problemsWith(res, refusedBySchema, writes);
  if ((op.path === '/logout' || op.path === '/api/auth/logout') && res.statusCode < 400) await world.renewSession(identity.role);
  if (problems.length) {
    throw new Error(`${problems.join('; ')}\n  ${op.method} ${short(url, 200)} as ${identity.role}\n  headers ${short(JSON.stringify(req.headers), 200)}\n  body ${short(String(payload ?? ''), 300)}\n  → ${res.statusCode} ${short(res.body, 400)}`);
  }
}

describe('the write counter', () => {
  it('counts a row written by a request, and by which columns an update changed', async () => {
    const before = await writeCounts(sql);
    const res = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie: world.identities.memberA.cookie }, payload: { name: 'counter check' } });
    expect(res.statusCode).toBe(201);
    await sql`update api_tokens set last_used_at = now() where id = ${res.json().id}`;
    expect(writesBetween(before, await writeCounts(sql))).toEqual([
      { key: 'api_tokens INSERT', n: 1 },
      { key: 'api_tokens UPDATE (last_used_at)', n: 1 },
    ]);
    // And a refusal that wrote would be reported.
    expect(problemsWith({ statusCode: 409, headers: { 'content-type': 'application/json' }, body: '{"error":{"code":"CONFLICT","message":"x"}}', json: () => ({ error: { code: 'CONFLICT', message: 'x' } }) } as never, false, [{ key: 'plans UPDATE', n: 1 }])).toEqual([
      'refused (409) but wrote plans UPDATE ×1',
    ]);
    expect(tablesCounted).toBeGreaterThan(30);
  });
});

// Counterexamples the fuzzer found, kept as plain tests so they stay fixed whatever the seed.
describe('what the fuzzer found', () => {
  const send = (method: 'GET' | 'POST', url: string, payload?: unknown, identity = world.identities.memberA) =>
    app.inject({ method, url, headers: { cookie: identity.cookie, ...(identity.authorization ? { authorization: identity.authorization } : {}) }, ...(payload === undefined ? {} : { payload: payload as string }) });

  it('answers malformed percent-encoding and over-long path segments in the API error shape', async () => {
    for (const url of ['/api/tasks/%FF%FE', `/api/tasks/${'a'.repeat(1000)}`]) {
      const res = await send('GET', url);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error, url).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String), requestId: expect.any(String) });
    }
  });

  it('refuses a NUL character the database cannot store with a 400, in the API and on a page', async () => {
    const before = await writeCounts(sql);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { organization: 'tomakomai', email: 'a\u0000b', password: 'x' } });
    expect(login.statusCode, login.body).toBe(400);
    expect(login.json().error.message).toContain('0x00');
    // An action item on the cycle in Act, as the strategy office's form posts it.
    const [actCycle] = world.ids.cycleId!;
    const [department] = world.ids.departmentId!;
    const page = await app.inject({
      method: 'POST',
      url: `/cycles/${actCycle}/action-items`,
      headers: { cookie: world.identities.office.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: world.identities.office.csrf, departmentId: department!, text: 'a\u0000b' }).toString(),
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('入力内容に誤りがあります');
    expect(writesBetween(before, await writeCounts(sql))).toEqual([]);
  });

  it('bounds numbers that reach a query, naming the field instead of failing in Postgres or the handler', async () => {
    const [plan] = world.ids.planId!;
    const cases: ['GET' | 'POST', string, unknown, string][] = [
      ['GET', '/api/tasks?offset=1e30', undefined, 'querystring.offset'],
      ['GET', `/api/plans/${plan}/decisions?page=1e30`, undefined, 'querystring.page'],
      ['POST', `/api/plans/${plan}/council-opinions`, { fiscalYear: 2021, measureNumber: 2 ** 40, opinion: '意見' }, 'body.measureNumber'],
      // Ajv's coercion turns these texts into infinite numbers that pass `integer` and skip `minimum`/`maximum`.
      ['GET', `/api/plans/${plan}/dashboard?fiscalYear=-Infinity`, undefined, 'querystring.fiscalYear'],
      ['GET', '/api/tasks?limit=1e400', undefined, 'querystring.limit'],
      ['POST', `/api/plans/${plan}/review-cycles`, { fiscalYear: 'Infinity', measureNumbers: [2] }, 'body.fiscalYear'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await send(method, url, payload, world.identities.office);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.problems.map((p: { field: string }) => p.field)).toContain(field);
    }
  });
});

describe('fuzzing every route as every role', () => {
  let index = 0;
  for (const op of operations) {
    it(`${op.method} ${op.path}`, async () => {
      const failures: string[] = [];
      for (const role of ROLES) {
        const seed = SEED + index++;
        const result = await fc.check(fc.asyncProperty(requestArb(op, inputs), (req) => probe(op, world.identities[role], req)), { seed, numRuns: RUNS, endOnFailure: true });
        if (result.failed) failures.push(`[seed ${seed}, path ${result.counterexamplePath}] ${(result.errorInstance as Error)?.message ?? String(result.errorInstance)}`);
      }
      tally.routes.add(`${op.method} ${op.path}`);
      if (failures.length) failedOperations.push(`${op.method} ${op.path}`);
      expect(failures, failures.join('\n\n')).toEqual([]);
    }, 60_000);
  }

  it('left no route out, and found nothing', () => {
    // Not fuzzed: Swagger UI's files, the static files and the queue view (bull-board, a third-party admin UI).
    const fuzzed = new Set(operations.map((op) => `${op.method} ${op.path}`));
    const skipped = /^(GET|POST|PUT|PATCH|DELETE) (\/docs|\/static\/|\/admin\/queues|.*\*$)/;
    expect(servedRoutes(app).filter((r) => !fuzzed.has(r) && !skipped.test(r))).toEqual([]);
    expect(failedOperations).toEqual([]);
    expect(tally.routes.size).toBe(operations.length);
    // Most inputs must reach a server, and the checks above must have had something to check.
    expect(tally.tried).toBeGreaterThan(tally.refusedByNode * 5);
    expect(tally.refused).toBeGreaterThan(tally.tried / 4);
    expect(tally.refusedBySchema).toBeGreaterThan(RUNS * 10);
    console.log(`[fuzz] statuses: ${[...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}; ${tally.refusedBySchema} refused by a schema; ${tally.refusedByNode} refused by Node`);
    recordCount('fuzz inputs tried', tally.tried, `${operations.length} routes × ${ROLES.length} roles × ${RUNS} cases, seed ${SEED}`);
    recordCount('fuzz routes covered', tally.routes.size, 'every operation in the OpenAPI document, staff pages included');
  });
});
