/**
 * Everything a person may do is reachable from the pages: signed in as each role, a crawler
 * starts at the page after sign-in and follows only what a person can click — links and the
 * default submission of GET forms — within the site. Every report and admin capability must be
 * reached by exactly the roles that may use it (POST forms count as offered when a crawled page
 * carries them), and no crawled page may answer JSON or a server error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { crawl as crawlAs } from '../helpers/crawl.ts';
import { useTestApp } from '../helpers/setup.ts';
import { publishYear } from '../helpers/publish.ts';

const { app } = await useTestApp();
let planId: string;

/**
 * The capabilities, each with the API route it is the page's way to (checked against the
 * OpenAPI document) and how its address looks. `form` means a POST form's action.
 */
const CAPABILITIES = {
  excel: { api: 'GET /api/plans/{planId}/reports/kpi-tables.xlsx', match: /^\/plans\/[^/]+\/downloads\/kpi-tables\.xlsx/ },
  csvUtf8: { api: 'GET /api/plans/{planId}/reports/kpi-tables.csv', match: /^\/plans\/[^/]+\/downloads\/kpi-tables\.csv(?!.*encoding=shift_jis)/ },
  csvShiftJis: { api: 'GET /api/plans/{planId}/reports/kpi-tables.csv', match: /^\/plans\/[^/]+\/downloads\/kpi-tables\.csv\?.*encoding=shift_jis/ },
  revisedStrategy: { api: 'GET /reports/plans/{planId}/revised-strategy', match: /^\/reports\/plans\/[^/]+\/revised-strategy/ },
  committeePacket: { api: 'GET /reports/plans/{planId}/committee-packet', match: /^\/reports\/plans\/[^/]+\/committee-packet\?fiscalYear=\d{4}/ },
  councilOpinions: { api: 'GET /api/plans/{planId}/council-opinions', match: /^\/plans\/[^/]+\/council-opinions(\?|$)/ },
  recordCouncilOpinion: { api: 'POST /api/plans/{planId}/council-opinions', form: true, match: /^\/plans\/[^/]+\/council-opinions$/ },
  respondToCouncilOpinion: { api: 'PUT /api/council-opinions/{opinionId}/response', match: /^\/plans\/[^/]+\/council-opinions\/[^/]+\/response$/ },
  publications: { api: 'GET /api/plans/{planId}/publications', match: /^\/plans\/[^/]+\/publications$/ },
  publish: { api: 'POST /api/plans/{planId}/publications', form: true, match: /^\/plans\/[^/]+\/publications$/ },
  preview: { api: 'GET /reports/plans/{planId}/progress-preview', match: /^\/reports\/plans\/[^/]+\/progress-preview/ },
  withdraw: { api: 'POST /api/plans/{planId}/publications/{fiscalYear}/withdrawal', match: /^\/plans\/[^/]+\/publications\/\d{4}\/withdraw$/ },
  publicPage: { api: null, match: /^\/public\/plans\/[^/]+\/progress\/\d{4}$/ },
  administration: { api: null, match: /^\/admin$/ },
  reviewCalendar: { api: 'PUT /api/plans/{planId}/calendar', match: /^\/admin\/calendar/ },
  users: { api: 'GET /api/admin/users', match: /^\/admin\/users$/ },
  departments: { api: null, match: /^\/admin\/departments$/ },
  sentEmails: { api: null, match: /^\/admin\/emails$/ },
  queues: { api: null, match: /^\/admin\/queues$/ },
  search: { api: 'GET /api/search', match: /^\/search\?q=/ },
  season: { api: 'GET /api/plans/{planId}/season', match: /^\/plans\/[^/]+\/season(\?|$)/ },
} as const;
type Capability = keyof typeof CAPABILITIES;

const EVERYONE: Capability[] = ['excel', 'csvUtf8', 'csvShiftJis', 'revisedStrategy', 'councilOpinions', 'publications', 'publicPage', 'search'];
const OFFICE: Capability[] = [...EVERYONE, 'committeePacket', 'recordCouncilOpinion', 'respondToCouncilOpinion', 'publish', 'preview', 'withdraw', 'administration', 'reviewCalendar', 'season'];
const EXPECTED: Record<'department' | 'office' | 'admin', { email: string; may: Capability[] }> = {
  department: { email: DEMO.employment, may: EVERYONE },
  office: { email: DEMO.strategy, may: OFFICE },
  admin: { email: DEMO.admin, may: [...OFFICE, 'users', 'departments', 'sentEmails', 'queues'] },
};

async function crawl(email: string) {
  const { fetched, offered, exhausted } = await crawlAs(app, email);
  const reached = (Object.keys(CAPABILITIES) as Capability[]).filter((c) => {
    const cap = CAPABILITIES[c];
    return 'form' in cap ? [...offered].some((a) => cap.match.test(a)) : fetched.some((f) => cap.match.test(f.url));
  });
  return { fetched, reached, exhausted };
}

beforeAll(async () => {
  const office = await signIn(app, DEMO.strategy);
  planId = (await office.get('/api/plans')).json().items[0].id;
  // A season under way: a review (for the committee packet), a published year (to withdraw), an opinion (to answer).
  expect((await office.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2021, measureNumbers: [1] })).statusCode).toBe(201);
  expect((await publishYear(office, planId, 2021)).statusCode).toBe(201);
  expect((await office.post(`/api/plans/${planId}/council-opinions`, { fiscalYear: 2021, opinion: '若者の就職支援を強化すること' })).statusCode).toBe(201);
});

describe('the capabilities listed here', () => {
  it('are the API’s own routes', async () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const served = new Set(Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)));
    for (const [name, cap] of Object.entries(CAPABILITIES)) if (cap.api) expect(served.has(cap.api), name).toBe(true);
  });
});

describe.each(Object.entries(EXPECTED))('crawling as the %s', (_role, { email, may }) => {
  let result: Awaited<ReturnType<typeof crawl>>;
  beforeAll(async () => {
    result = await crawl(email);
  }, 120_000);

  it('reaches every capability it may use, and none it may not', () => {
    expect(result.exhausted, 'the crawl ended before the site did').toBe(true);
    expect([...result.reached].sort()).toEqual([...may].sort());
  });

  it('never gets JSON or a server error from a page it can click to', () => {
    const bad = result.fetched.filter(({ res }) => res.statusCode >= 500 || String(res.headers['content-type'] ?? '').includes('json'));
    expect(bad.map(({ url, res }) => `${res.statusCode} ${res.headers['content-type']} ${url}`)).toEqual([]);
    // Everything linked for this role opens for it (a redirect only to another page of the site).
    const refused = result.fetched.filter(({ res }) => res.statusCode >= 400);
    expect(refused.map(({ url, res }) => `${res.statusCode} ${url}`)).toEqual([]);
    expect(result.fetched.length).toBeGreaterThan(20);
  });
});
