/**
 * Strict inputs, generated from the OpenAPI document: every write route of the API (POST, PUT,
 * PATCH, DELETE under /api) gets a valid-looking body built from its declared schema, then
 * (a) that body plus an unknown field, (b) each property (nested ones too) replaced by each JSON
 * type its schema does not take — text for a number, `true` for a number, a number for a text,
 * an object for a list, null where it is not nullable…, (c) a guard field misspelt in snake case
 * (`expected_phase` for `expectedPhase`). Each must be a 400 whose problems name the field, and
 * write no row (a trigger on every table counts rows written). A write route without a body
 * schema must refuse a body with a field in it. Any served write route this test does not cover
 * fails the last test.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../fuzz/arbitraries.ts';
import { operationsOf, servedRoutes, type Operation } from '../fuzz/routes.ts';
import { buildWorld, type Role, type World } from '../fuzz/world.ts';
import { installWriteCounter, writeCounts, writesBetween } from '../fuzz/write-counter.ts';
import { recordCount } from '../helpers/counts.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
const sql = deps.database.sql;
await app.ready();
const allOperations = operationsOf(app.swagger() as never);
const operations = allOperations.filter((op) => op.path.startsWith('/api/') && op.method !== 'GET');
// Every API route, and every other route that declares query parameters (reports, public pages): an undeclared one is refused too.
const withQuery = allOperations.filter((op) => op.query.length > 0 || op.path.startsWith('/api/'));
let world: World;
const covered = new Set<string>();
let tried = 0;

beforeAll(async () => {
  world = await buildWorld(app, deps);
  await installWriteCounter(sql);
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];
interface FullSchema extends Schema {
  discriminator?: { propertyName: string };
  pattern?: string;
}

/** Who sends: validation comes before authorization, but each route is still tried as someone who may use it. */
function roleFor(op: Operation): Role {
  if (op.path.startsWith('/api/admin/') || op.path.startsWith('/api/organizations/')) return 'admin';
  if (/submissions|draft$|proposals$|\/done$|\/api\/auth\//.test(op.path)) return 'memberA';
  return 'office';
}

const idOf = (name: string) => world.ids[name]?.[0] ?? world.ids[`${name}s`]?.[0] ?? randomUUID();

function urlOf(op: Operation) {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'fiscalYear' || name === 'year' ? '2022' : idOf(name)));
}

/** A value the schema takes, as a user would send it (real ids where the name says which). */
function validOf(s: FullSchema, name = ''): Json {
  if (s.const !== undefined) return s.const as Json;
  if (s.enum?.length) return s.enum[0] as Json;
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const branch = branches.find((b) => b.type !== 'null') ?? branches[0]!;
    return validOf({ ...s, anyOf: undefined, oneOf: undefined, ...branch } as FullSchema, name);
  }
  const type = [s.type ?? []].flat().find((t) => t !== 'null') ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, validOf(v as FullSchema, k)]));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => validOf(s.items ?? {}, name.replace(/s$/, '')));
    case 'integer':
    case 'number':
      return /fiscalYear/i.test(name) ? 2022 : Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return idOf(name);
      if (s.format === 'date') return '2099-06-30';
      if (s.format === 'date-time') return '2099-06-30T00:00:00Z';
      if (s.format === 'uri') return 'https://example.org/evidence';
      if (s.format === 'email') return 'someone@example.org';
      if (s.example !== undefined) return s.example as Json;
      return 'あ'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return null;
  }
}

/** The JSON types a schema takes; undefined when it takes anything. */
function typesOf(s: FullSchema): Set<string> | undefined {
  const out = new Set<string>();
  if (s.const !== undefined) out.add(jsonType(s.const as Json));
  for (const v of s.enum ?? []) out.add(jsonType(v as Json));
  for (const t of [s.type ?? []].flat()) out.add(t === 'integer' ? 'number' : t);
  if (s.nullable) out.add('null');
  for (const b of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const inner = typesOf(b);
    if (!inner) return undefined;
    inner.forEach((t) => out.add(t));
  }
  if (!out.size && s.properties) out.add('object');
  return out.size ? out : undefined;
}

const jsonType = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/**
 * A value of each JSON type, chosen to be what a coercing validator would turn into the valid
 * value: the number as text ("2022"), the text as a number where it reads as one, `true` (1),
 * the value wrapped in a list, null (0, "", false). Coercion would let these through.
 */
function wrongOf(type: string, valid: Json): Json {
  switch (type) {
    case 'string':
      return typeof valid === 'number' || typeof valid === 'boolean' ? String(valid) : 'text';
    case 'number':
      return typeof valid === 'string' && /^\d+$/.test(valid) ? Number(valid) : typeof valid === 'boolean' ? Number(valid) : 1;
    case 'boolean':
      return true;
    case 'array':
      return [valid];
    case 'object':
      return {};
    default:
      return null;
  }
}
const JSON_TYPES = ['string', 'number', 'boolean', 'object', 'array', 'null'];

/** The schema of each property path in the valid body (the branch the body took, for unions). */
function pathsOf(s: FullSchema, value: Json, at: Path = [], out: [Path, FullSchema][] = []): [Path, FullSchema][] {
  const branches = s.anyOf ?? s.oneOf;
  if (branches && value !== null && typeof value === 'object') {
    const tag = s.discriminator?.propertyName;
    const branch = tag
      ? branches.find((b) => (b.properties?.[tag] as FullSchema | undefined)?.const === (value as Record<string, Json>)[tag])
      : branches.find((b) => typesOf(b)?.has(jsonType(value)));
    if (branch) return pathsOf(branch as FullSchema, value, at, out);
  }
  if (Array.isArray(value) && s.items) value.forEach((v, i) => out.push(...pathsOf(s.items!, v, [...at, i], [])));
  else if (value && typeof value === 'object' && s.properties) {
    for (const [k, v] of Object.entries(value)) {
      const child = s.properties[k] as FullSchema;
      out.push([[...at, k], child]);
      pathsOf(child, v, [...at, k], out);
    }
  }
  return out;
}

const fieldOf = (path: Path) => `body${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

function replaced(body: Json, path: Path, value: Json): Json {
  const copy = structuredClone(body) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1)!] = value;
  return copy;
}

async function expectRefused(op: Operation, body: Json, field: string, what: string) {
  const identity = world.identities[roleFor(op)];
  const before = await writeCounts(sql);
  const res = await app.inject({ method: op.method, url: urlOf(op), headers: { cookie: identity.cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const writes = writesBetween(before, await writeCounts(sql));
  tried++;
  const context = `${op.method} ${op.path} ${what}: ${JSON.stringify(body).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 400)}`;
  expect(res.statusCode, context).toBe(400);
  const problems = (res.json().error.problems ?? []) as { field: string; message: string }[];
  expect(problems.map((p) => p.field), context).toContain(field);
  expect(writes, context).toEqual([]);
  return problems.find((p) => p.field === field)!;
}

describe('every write route refuses what its schema does not declare', () => {
  for (const op of operations) {
    it(`${op.method} ${op.path}`, async () => {
      const schema = op.body as FullSchema | undefined;
      if (!schema) {
        const upload = { '/api/tasks/{taskId}/sheet': { query: '', field: 'body' }, '/api/tasks/{taskId}/attachments': { query: '?filename=evidence.pdf', field: 'file' } }[op.path];
        if (upload) {
          // The body is the file (a workbook, an attachment): JSON fields instead are refused by the upload, once it has settled that the department may upload.
          const own = [];
          for (const taskId of world.ids.taskId!) {
            const url = `${op.path.replace('{taskId}', taskId)}${upload.query}`;
            const before = await writeCounts(sql);
            const res = await app.inject({ method: 'POST', url, headers: { cookie: world.identities.memberA.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ comment: 'x' }) });
            tried++;
            expect(writesBetween(before, await writeCounts(sql)), url).toEqual([]);
            if (res.statusCode === 403 || res.statusCode === 404) continue;
            own.push(taskId);
            // An attachment needs a task that takes it (a submission, still open) before its file is looked at: 409 otherwise.
            if (upload.field === 'file' && res.statusCode === 409) continue;
            expect(res.statusCode, res.body).toBe(400);
            expect(res.json().error.problems.map((p: { field: string }) => p.field)).toContain(upload.field);
          }
          expect(own.length).toBeGreaterThan(0);
        } else {
          // No body declared: a body with a field is refused, field by field.
          const problem = await expectRefused(op, { comment: 'ignored?' }, 'body.comment', 'a body where none is taken');
          expect(problem.message).toMatch(/not a known field/);
        }
        covered.add(`${op.method} ${op.path}`);
        return;
      }
      // The OpenAPI document tells clients so.
      expect(JSON.stringify(schema)).toContain('"additionalProperties":false');
      const body = validOf(schema);
      // (a) an unknown field, at the top and in every nested object.
      const unknown = await expectRefused(op, { ...(body as Record<string, Json>), evidenceURL: 'https://example.org' }, 'body.evidenceURL', 'an unknown field');
      expect(unknown.message).toMatch(/not a known field/);
      const paths = pathsOf(schema, body);
      for (const [path, child] of paths) {
        const value = path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, body);
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && child) {
          await expectRefused(op, replaced(body, path, { ...value, unknownField: 1 }), `${fieldOf(path)}.unknownField`, 'a nested unknown field');
        }
      }
      // (b) each JSON type a property does not take.
      for (const [path, child] of paths) {
        const takes = child && typesOf(child);
        if (!takes) continue;
        const valid = path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, body);
        for (const type of JSON_TYPES) {
          if (!takes.has(type)) await expectRefused(op, replaced(body, path, wrongOf(type, valid)), fieldOf(path), `${type} for ${fieldOf(path)}`);
        }
      }
      // (c) a guard field misspelt.
      for (const guard of Object.keys(schema.properties ?? {}).filter((k) => /^expected[A-Z]/.test(k))) {
        const rest = { ...(body as Record<string, Json>) };
        const value = rest[guard]!;
        delete rest[guard];
        const snake = guard.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        await expectRefused(op, { ...rest, [snake]: value }, `body.${snake}`, 'a misspelt guard field');
      }
      covered.add(`${op.method} ${op.path}`);
    });
  }

  it('a JSON body is taken as sent: true is not the number 1, "2022" is not 2022', async () => {
    const plan = world.ids.planId![0]!;
    const op = operations.find((o) => o.method === 'POST' && o.path === '/api/plans/{planId}/review-cycles')!;
    expect(op).toBeDefined();
    await expectRefused(op, { fiscalYear: '2022' }, 'body.fiscalYear', 'a year as text');
    // A query string is text by nature and still parsed.
    const res = await app.inject({ url: `/api/plans/${plan}/review-cycles?fiscalYear=2022`, headers: { cookie: world.identities.office.cookie } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('an unknown query parameter is refused by name, on every API route and every route that declares its query parameters', async () => {
    expect(withQuery.length).toBeGreaterThan(5);
    for (const op of withQuery) {
      // Fastify checks the body before the query: a write route gets a valid-looking body, so the query is what is refused (and nothing may be written).
      const body = op.body ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(validOf(op.body as FullSchema)) } : { headers: {} };
      const before = await writeCounts(sql);
      const res = await app.inject({ method: op.method, url: `${urlOf(op)}?fiscalYaer=2022`, headers: { cookie: world.identities[roleFor(op)].cookie, ...body.headers }, ...(body.payload ? { payload: body.payload } : {}) });
      tried++;
      expect(res.statusCode, `${op.method} ${op.path}: ${res.body.slice(0, 300)}`).toBe(400);
      expect(writesBetween(before, await writeCounts(sql)), `${op.method} ${op.path}`).toEqual([]);
      // A JSON API answers with problems; a page for a browser says it in words.
      if (String(res.headers['content-type']).includes('json')) {
        expect(res.json().error.problems, `${op.method} ${op.path}`).toContainEqual(expect.objectContaining({ field: 'querystring.fiscalYaer', message: 'is not a known field (check the spelling)' }));
      }
    }
  });

  it('covers every write route the API serves', () => {
    const served = servedRoutes(app).filter((r) => r.startsWith('POST /api/') || r.startsWith('PUT /api/') || r.startsWith('PATCH /api/') || r.startsWith('DELETE /api/'));
    expect(served.length).toBeGreaterThan(20);
    expect(served.filter((r) => !covered.has(r)).sort()).toEqual([]);
    recordCount('strict inputs tried', tried, `${covered.size} write routes: unknown fields, wrong JSON types, misspelt guards`);
  });
});
