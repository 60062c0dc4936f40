/**
 * The observed population through the API: the strategy office records a year (a department
 * may not), bad input names its field and writes nothing, a stale version is 409, every change
 * leaves a log row; a CSV (Shift_JIS) is imported whole or not at all, its problems by line and
 * column; the tracking answers the gap to the vision path.
 */
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let so: Client;
let employment: Client;
let planId: string;

const count = async (table: 'population_observations' | 'population_observation_log') => (await deps.database.sql.unsafe(`select count(*)::int as n from ${table}`))[0]!.n as number;
const importCsv = (client: Client, bytes: Buffer, query = 'referenceDay=01-01&source=%E4%BD%8F%E6%B0%91%E5%9F%BA%E6%9C%AC%E5%8F%B0%E5%B8%B3') =>
  app.inject({ method: 'POST', url: `/api/population/import?${query}`, headers: { ...client.headers, 'content-type': 'text/csv' }, payload: bytes });

beforeAll(async () => {
  [so, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  planId = (await so.get('/api/plans')).json().items[0].id;
});

describe('recording a year', () => {
  it('is the strategy office’s', async () => {
    const res = await employment.put('/api/population/years/2020', { asOf: '2020-01-01', total: 171000 });
    expect(res.statusCode).toBe(403);
    expect(await count('population_observations')).toBe(0);
  });

  it('refuses bad input by field and writes nothing', async () => {
    const cases = [
      [{ asOf: '2020-01-01', total: -5 }, 'body.total'],
      [{ asOf: '2020-01-01', total: 171000, births: 1.5 }, 'body.births'],
      [{ asOf: '2021-01-01', total: 171000 }, 'body.asOf'],
      [{ asOf: '2020-02-30', total: 171000 }, 'body.asOf'],
      [{ asOf: '2020-01-01' }, 'body.total'],
      [{ asOf: '2020-01-01', total: 171000, natural: 5 }, 'body.natural'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await so.put('/api/population/years/2020', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.problems.map((p: { field: string }) => p.field)).toContain(field);
    }
    expect(await count('population_observations')).toBe(0);
    expect(await count('population_observation_log')).toBe(0);
  });

  it('records, corrects from the version read, and refuses a stale version with 409', async () => {
    const first = await so.put('/api/population/years/2020', { asOf: '2020-01-01', total: 171000, births: 1200, deaths: 1900, inMigration: 6100, outMigration: 6000, source: '住民基本台帳' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ year: 2020, total: 171000, version: 1 });
    expect((await so.put('/api/population/years/2020', { asOf: '2020-01-01', total: 170900 })).statusCode).toBe(409); // a new year, but it exists
    const second = await so.put('/api/population/years/2020', { asOf: '2020-01-01', total: 170950, births: 1200, deaths: 1900, inMigration: 6100, outMigration: 6000, expectedVersion: 1 });
    expect(second.json()).toMatchObject({ total: 170950, version: 2, source: null });
    const stale = await so.put('/api/population/years/2020', { asOf: '2020-01-01', total: 1, expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const row = (await deps.database.sql`select total, version from population_observations where year = 2020`)[0]!;
    expect(row).toEqual({ total: 170950, version: 2 });
    const log = await deps.database.sql`select via, before, after from population_observation_log where year = 2020 order by id`;
    expect(log.map((l) => [l.via, l.before?.total ?? null, l.after.total])).toEqual([['api', null, 171000], ['api', 171000, 170950]]);
  });

  it('answers natural and social change and the gap to the vision path', async () => {
    const body = (await so.get(`/api/plans/${planId}/population`)).json();
    expect(body.observations).toEqual([expect.objectContaining({ year: 2020, total: 170950, naturalChange: -700, socialChange: 100 })]);
    expect(body.goal.points.map((p: { year: number; value: number }) => [p.year, p.value])).toEqual([[2040, 150000], [2060, 130000]]);
    expect(body.others.map((s: { label: string }) => s.label)).toEqual(['社人研の推計', 'シミュレーション１', 'シミュレーション２', '将来展望']);
    // 2020-01-01 is 1 month after the start (end of Nov 2019) on a 241-month line to 150,000.
    expect(body.latest).toMatchObject({ year: 2020, expected: Math.round(171290 - 21290 / 241), difference: 170950 - Math.round(171290 - 21290 / 241) });
  });
});

describe('importing a CSV', () => {
  it('reports every bad line by line and column and writes nothing', async () => {
    const before = [await count('population_observations'), await count('population_observation_log')];
    const csv = iconv.encode('年,総人口,出生,死亡,転入,転出\r\n2021,170500,1150,1950,6000,5900\r\n2022,十七万,1100,2000,6000,5950\r\n2023,169500,1100,x,6000,5950\r\n', 'Shift_JIS');
    const res = await importCsv(so, csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([
      { field: 'line 3 / 総人口', messageJa: '3行目・総人口: 人数として読めません（十七万）。0以上の整数で書いてください' },
      { field: 'line 4 / 死亡', messageJa: '4行目・死亡: 人数として読めません（x）。0以上の整数で書いてください' },
    ]);
    expect([await count('population_observations'), await count('population_observation_log')]).toEqual(before);
  });

  it('needs the reference day, a file, and the strategy office', async () => {
    expect((await importCsv(so, Buffer.from('年,総人口\n2021,1\n'), 'referenceDay=13-45')).statusCode).toBe(400);
    expect((await importCsv(so, Buffer.from(''))).statusCode).toBe(400);
    expect((await importCsv(employment, Buffer.from('年,総人口\n2021,1\n'))).statusCode).toBe(403);
  });

  it('imports a Shift_JIS file whole, overwriting a year already there, each change logged', async () => {
    const csv = iconv.encode('年,総人口,出生,死亡,転入,転出\r\n2020,171010,1200,1900,6100,6000\r\n2021,170500,1150,1950,6000,5900\r\n', 'Shift_JIS');
    const res = await importCsv(so, csv);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ imported: 2, years: [2020, 2021] });
    const rows = await deps.database.sql`select year, as_of::text, total, source, version from population_observations order by year`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { year: 2020, as_of: '2020-01-01', total: 171010, source: '住民基本台帳', version: 3 },
      { year: 2021, as_of: '2021-01-01', total: 170500, source: '住民基本台帳', version: 1 },
    ]);
    expect((await deps.database.sql`select via from population_observation_log order by id`).map((r) => r.via)).toEqual(['api', 'api', 'api', 'api']);
  });
});
