/** Every page in Japanese (the default) and in English: no message key left untranslated, fiscal years named as the city names them. */
import { expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { pageSignIn } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app } = await useTestApp();
const KEY = /\b(app|nav|flash|errors|problems|login|account|roles|phases|phaseHints|taskStatuses|proposalStatuses|nextSteps|directions|tasks|task|units|dashboard|chart|board|cycle|proposals|decisions|admin|season|bulk|search)\.[a-zA-Z.]+\b/g;

it('shows every page in both languages without a raw message key', async () => {
  const so = await signIn(app, DEMO.strategy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  const cycleId = (await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [12], dueDate: '2099-06-30' })).json().opened[0].cycleId;
  const taskId = (await so.get('/api/tasks?fiscalYear=2024')).json().items[0].id;
  const admin = await pageSignIn(app, DEMO.admin);
  const urls = ['/tasks', `/tasks/${taskId}`, `/plans/${planId}/dashboard`, `/plans/${planId}/board`, `/cycles/${cycleId}`, '/proposals', `/proposals/new?cycleId=${cycleId}&marker=project_added`, `/plans/${planId}/decisions`, '/admin', '/admin/users', '/admin/departments', '/admin/calendar', '/admin/emails', '/account', `/plans/${planId}/season`, `/plans/${planId}/season/tasks?fiscalYear=2024`, `/plans/${planId}/season/proposals?fiscalYear=2024`, `/search?q=${encodeURIComponent('課')}`];
  const raw: string[] = [];
  for (const lang of ['ja', 'en']) {
    for (const url of urls) {
      const res = await admin.get(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain(`<html lang="${lang}">`);
      const keys = res.body.replace(/<[^>]+>/g, ' ').match(KEY);
      if (keys) raw.push(`${lang} ${url}: ${[...new Set(keys)].join(', ')}`);
    }
  }
  expect(raw).toEqual([]);
  expect((await admin.get(`/plans/${planId}/board?lang=ja`)).body).toContain('令和6年度（FY2024）');
  expect((await admin.get(`/plans/${planId}/board?lang=en`)).body).toContain('FY2024 (令和6年度)');
});
