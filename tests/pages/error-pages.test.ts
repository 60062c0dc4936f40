/**
 * A person's browser never gets JSON: outside the pages too (reports, the public page, the
 * queue view) a failure asked for as text/html is a page in the reader's language with a way
 * back; the API and clients that do not ask for HTML keep the JSON errors.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app } = await useTestApp();
let office: Client, employment: Client;
let planId: string;
const HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';

const browse = (client: Client | null, url: string) => app.inject({ url, headers: { ...(client?.headers ?? {}), accept: HTML } });
const isPage = (res: { headers: Record<string, unknown>; body: string }, lang = 'ja') => {
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.body).toContain(`<html lang="${lang}"`);
  expect(res.body).toContain('href="/"');
};

beforeAll(async () => {
  [office, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  planId = (await office.get('/api/plans')).json().items[0].id;
});

describe('a browser', () => {
  it('gets a page for the public page before anything is published, in its language', async () => {
    const ja = await browse(null, `/public/plans/${planId}/progress`);
    expect(ja.statusCode).toBe(404);
    isPage(ja);
    expect(ja.body).toContain('ページが見つかりません');
    // Words for a citizen: not yet published, and no way into the staff pages.
    expect(ja.body).toContain('まだ公開されていないか');
    expect(ja.body).not.toContain('マイタスク');
    const en = await browse(null, `/public/plans/${planId}/progress/2021?lang=en`);
    expect(en.statusCode).toBe(404);
    isPage(en, 'en');
    expect(en.body).toContain('has not been published yet');
  });

  it('gets a page for a report it may not open (403) and one that does not exist (404)', async () => {
    const forbidden = await browse(employment, `/reports/plans/${planId}/committee-packet?fiscalYear=2021`);
    expect(forbidden.statusCode).toBe(403);
    isPage(forbidden);
    expect(forbidden.body).toContain('権限がありません');
    const missing = await browse(office, `/reports/plans/${randomUUID()}/revised-strategy`);
    expect(missing.statusCode).toBe(404);
    isPage(missing);
  });

  it('gets a page for a malformed query, and is asked for a year instead of refused when none is given', async () => {
    const bad = await browse(office, `/reports/plans/${planId}/revised-strategy?fiscalYear=abc`);
    expect(bad.statusCode).toBe(400);
    isPage(bad);
    const noYear = await browse(office, `/reports/plans/${planId}/committee-packet`);
    expect(noYear.statusCode).toBe(303);
    expect(noYear.headers.location).toBe(`/plans/${planId}/reports`);
  });

  it('gets a page when the queue view is not for it', async () => {
    const res = await browse(office, '/admin/queues');
    expect(res.statusCode).toBe(403);
    isPage(res);
  });
});

describe('the API and other clients', () => {
  it('keep the JSON errors, even when asking for HTML under /api', async () => {
    const api = await app.inject({ url: `/api/plans/${planId}/reports/committee-packet`, headers: { ...office.headers, accept: HTML } });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.code).toBe('BAD_REQUEST');
    expect((await employment.get(`/api/plans/${planId}/reports/committee-packet?fiscalYear=2021`)).json().error.code).toBe('FORBIDDEN');
    expect((await employment.get(`/reports/plans/${planId}/committee-packet?fiscalYear=2021`)).json().error.code).toBe('FORBIDDEN');
    expect((await office.get('/admin/queues')).json().error.code).toBe('FORBIDDEN');
    expect((await app.inject(`/public/plans/${planId}/progress`)).json().error.code).toBe('NOT_FOUND');
  });
});
