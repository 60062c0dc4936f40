/**
 * A real browser for page tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), the app listening on an ephemeral port, screenshots saved as test
 * artifacts, and an axe-core accessibility check run inside the page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { buildApp } from '../../services/http/app.ts';
import { DEMO_PASSWORD } from '../../services/users/demo-users.ts';
import { organizationOf } from './client.ts';
import { useTestDeps } from './setup.ts';
import { CHROMIUM } from './system-tools.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

/** The app on real PostgreSQL and Redis, listening on 127.0.0.1 at a free port, and a browser; both closed after the file. */
export async function useBrowserApp(options: Parameters<typeof useTestDeps>[0] = {}) {
  const deps = await useTestDeps(options);
  const app: FastifyInstance = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  afterAll(async () => {
    await browser.close();
    await app.close();
  });
  return { deps, app, baseUrl, browser };
}

/** A fresh browser context (its own cookies) at laptop size, Japanese first. */
export async function newPage(browser: Browser, options: { width?: number; height?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  // Pages answer in milliseconds; a missing element should fail the test in seconds, not after 30.
  page.setDefaultTimeout(10_000);
  // Every page must run without a script error or anything refused under the CSP; tests assert the list is empty.
  page.on('pageerror', (error) => browserProblems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) browserProblems.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

/** Script errors and CSP refusals seen on any page of this test file. */
export const browserProblems: string[] = [];

export async function logIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD, organization = organizationOf(email)) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('団体コード').fill(organization);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function logOut(page: Page) {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** Screenshot for people, axe for machines: a page must have no serious or critical violation. */
export async function checkPage(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousA11yViolations(page), `accessibility of ${name}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  // The strict CSP forbids injected <script> tags; evaluating the source in the page is allowed.
  if (!loaded) await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = (await page.evaluate(async () => {
    // Runs in the page: the tests' TypeScript has no DOM types, so the globals are reached through globalThis.
    const page = globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> }; document: unknown };
    return page.axe.run(page.document, { resultTypes: ['violations'] });
  })) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}
