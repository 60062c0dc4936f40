/**
 * Who may open which page: anonymous visitors are sent to the login page (and their forms
 * write nothing), each role gets exactly its pages, and a department never sees another
 * department's task or cycle — "not found", even by guessing the address.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { pageBrowser, pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let so: Client;
let planId: string;
let cycleId: string;
let ownTaskId: string;
let kpiId: string;
let userId: string;
let departmentId: string;
let pages: Record<string, string>;
const submissions = async () => (await deps.database.sql`select count(*)::int as n from task_submissions`)[0]!.n as number;

beforeAll(async () => {
  so = await signIn(app, DEMO.strategy);
  planId = (await so.get('/api/plans')).json().items[0].id;
  const opened = await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [12], dueDate: '2099-06-30' });
  cycleId = opened.json().opened[0].cycleId;
  const policy = await signIn(app, DEMO.policy);
  ownTaskId = (await policy.get('/api/tasks?fiscalYear=2024')).json().items[0].id;
  kpiId = (await policy.get(`/api/tasks/${ownTaskId}`)).json().kpis[0].id;
  const admin = await signIn(app, DEMO.admin);
  userId = (await admin.get('/api/admin/users')).json().items[0].id;
  departmentId = (await admin.get('/api/auth/me')).json().departmentId;
  pages = {
    tasks: '/tasks',
    task: `/tasks/${ownTaskId}`,
    dashboard: `/plans/${planId}/dashboard`,
    kpi: `/plans/${planId}/kpis/${kpiId}`,
    board: `/plans/${planId}/board`,
    cycle: `/cycles/${cycleId}`,
    proposals: '/proposals',
    newProposal: '/proposals/new',
    decisions: `/plans/${planId}/decisions`,
    decisionsCsv: `/plans/${planId}/decisions.csv`,
    admin: '/admin',
    users: '/admin/users',
    user: `/admin/users/${userId}`,
    departments: '/admin/departments',
    department: `/admin/departments/${departmentId}`,
    calendar: '/admin/calendar',
    emails: '/admin/emails',
    account: '/account',
  };
});

describe('anonymous visitors', () => {
  it('are sent to the login page from every page, with the page to come back to', async () => {
    const anonymous = pageBrowser(app);
    for (const url of Object.values(pages)) {
      const res = await anonymous.get(url);
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location, url).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    expect((await anonymous.get('/')).headers.location).toBe('/login');
    expect((await anonymous.get('/login')).statusCode).toBe(200);
  });

  it('write nothing by posting a form; they are sent to the login page', async () => {
    const anonymous = pageBrowser(app);
    await anonymous.get('/login');
    const before = await submissions();
    const res = await anonymous.post(`/tasks/${ownTaskId}/submit`, { 'values[0].value': '5', 'values[1].value': '5' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect(await submissions()).toBe(before);
  });

  it('get the stylesheet and our own copy of htmx, and nothing else from node_modules', async () => {
    const anonymous = pageBrowser(app);
    expect((await anonymous.get('/static/app.css')).statusCode).toBe(200);
    const htmx = await anonymous.get('/static/htmx.min.js');
    expect(htmx.statusCode).toBe(200);
    expect(htmx.headers['content-type']).toContain('javascript');
    expect((await anonymous.get('/static/htmx.js')).statusCode).toBe(404);
    expect((await anonymous.get('/static/../package.json')).statusCode).toBe(404);
  });
});

describe('each role', () => {
  // 200 = the page, 403 = not allowed; pages missing from a row are 200.
  const matrix: Record<string, { email: string; denied: string[] }> = {
    'department member': { email: DEMO.policy, denied: ['admin', 'users', 'user', 'departments', 'department', 'calendar', 'emails'] },
    'strategy office': { email: DEMO.strategy, denied: ['users', 'user', 'departments', 'department', 'emails'] },
    admin: { email: DEMO.admin, denied: [] },
  };
  for (const [role, { email, denied }] of Object.entries(matrix)) {
    it(`${role}: opens its pages and is refused the others`, async () => {
      const browser = await pageSignIn(app, email);
      for (const [name, url] of Object.entries(pages)) {
        const res = await browser.get(url);
        expect(res.statusCode, `${role} ${name}`).toBe(denied.includes(name) ? 403 : 200);
        if (res.statusCode === 403) expect(res.body).toContain('権限がありません');
      }
    });
  }
});

describe('another department', () => {
  let other: PageClient;
  beforeAll(async () => {
    other = await pageSignIn(app, DEMO.employment);
  });

  it('gets "not found" for the task and its cycle, by URL, and never its name', async () => {
    for (const url of [`/tasks/${ownTaskId}`, `/cycles/${cycleId}`]) {
      const res = await other.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('ページが見つかりません');
      expect(res.body).not.toContain('縁結び');
    }
  });

  it('cannot submit, explain or act on it: 404 and nothing written', async () => {
    const before = await submissions();
    const submit = await other.post(`/tasks/${ownTaskId}/submit`, { 'values[0].value': '5' });
    expect(submit.statusCode).toBe(404);
    expect((await other.post(`/tasks/${ownTaskId}/kpis/${kpiId}/explanation`, { cause: 'x', improvement: 'y' })).statusCode).toBe(404);
    expect((await other.post(`/tasks/${ownTaskId}/accept`)).statusCode).toBe(404);
    expect(await submissions()).toBe(before);
  });

  it('does not find its tasks in My tasks', async () => {
    expect((await other.get('/tasks')).body).not.toContain('縁結び');
  });
});

describe('addresses people type', () => {
  it('are "not found" pages, never errors, when an id is malformed or unknown', async () => {
    const browser = await pageSignIn(app, DEMO.strategy);
    for (const url of ['/tasks/not-a-task', '/tasks/00000000-0000-4000-8000-000000000000', '/plans/x/dashboard', '/cycles/123', `/plans/${planId}/kpis/00000000-0000-4000-8000-000000000000`, '/admin/emails/nope']) {
      const res = await browser.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
    for (const url of [`/plans/${planId}/dashboard?fiscalYear=abc&goal=-1&status=bogus&department=x`, `/plans/${planId}/decisions?page=-3&marker=x&fiscalYear=1`, '/proposals/new?cycleId=x&marker=y']) {
      expect((await browser.get(url)).statusCode, url).toBe(200);
    }
  });
});
