/**
 * There is no Docker engine where the tests run, so this replays the Dockerfile by hand: the
 * files its COPY lines take (honouring .dockerignore) go into a scratch directory, its RUN
 * lines run there (the production install, `npm ci --omit=dev`, which applies patches/), and
 * then its CMD starts the API from that copy — with the repository's Node 24 standing in for
 * the image's — against a fresh database. The worker starts from it too. The instructions are
 * read from the Dockerfile itself, so this test follows the file.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, matchesGlob, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedQueuePrefix, useTestDatabase } from '../helpers/setup.ts';
import { freePort } from '../resilience/servers.ts';

const ROOT = resolve('.');
/** The Node 24 that npm installs into node_modules (the image has the same release as its base). */
const NODE = resolve('node_modules/.bin/node');

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions: comments dropped, `\` continuations joined. */
function instructions(dockerfile: string): Instruction[] {
  const joined = dockerfile
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
}

/** .dockerignore's patterns; a path is left out when one matches it or a folder above it. */
function ignoredBy(patterns: string[]) {
  for (const p of patterns) if (p.startsWith('!')) throw new Error(`this test does not handle .dockerignore exceptions (${p})`);
  return (path: string) => patterns.some((pattern) => matchesGlob(path, pattern));
}

/** Docker's COPY of context paths into the image's working directory (here: `dir`). */
function copy(args: string, dir: string, ignored: (path: string) => boolean) {
  const parts = args.split(/\s+/);
  if (parts.some((p) => p.startsWith('--'))) throw new Error(`this test does not handle COPY options: COPY ${args}`);
  const dest = parts.pop()!;
  for (const source of parts) {
    const from = resolve(ROOT, source);
    const isDir = statSync(from).isDirectory();
    const target = !isDir && dest.endsWith('/') ? resolve(dir, dest, basename(source)) : resolve(dir, dest);
    cpSync(from, target, {
      recursive: true,
      filter: (path) => {
        const rel = relative(ROOT, path);
        return rel === '' || !ignored(rel);
      },
    });
  }
}

let dir: string;
const env: Record<string, string> = {};
let command: string[] = [];
const children = new Set<ChildProcess>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cityplan-image-'));
  const ignored = ignoredBy(
    readFileSync('.dockerignore', 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
  let stage = 0;
  for (const { keyword, args } of instructions(readFileSync('Dockerfile', 'utf8'))) {
    if (keyword === 'FROM') stage++;
    else if (keyword === 'COPY' && args.startsWith('--from=')) continue; // the earlier stage's files: already here
    else if (keyword === 'COPY') copy(args, dir, ignored);
    else if (keyword === 'RUN') {
      // The repository's Node 24 first on PATH: npm and the install scripts run on it, as on the image's.
      execFileSync('sh', ['-c', args], { cwd: dir, env: { ...process.env, PATH: `${resolve('node_modules/.bin')}:${process.env.PATH}` }, stdio: 'pipe' });
    } else if (keyword === 'ENV') {
      for (const [, name, value] of args.matchAll(/(\w+)=(\S+)/g)) env[name!] = value!;
    } else if (keyword === 'CMD') command = JSON.parse(args) as string[];
  }
  expect(stage).toBe(2);
}, 180_000);

afterAll(async () => {
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
    }),
  );
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts `node <args>` in the scratch copy; resolves once its output says `ready`. */
function start(args: string[], processEnv: Record<string, string>, ready: string) {
  const child = spawn(NODE, args, { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...processEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const started = new Promise<void>((resolve, reject) => {
    const hear = (d: Buffer) => {
      output += d.toString();
      if (output.includes(ready)) resolve();
    };
    child.stdout!.on('data', hear);
    child.stderr!.on('data', hear);
    void exited.then((code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
  return { child, started, exited, output: () => output };
}

describe('the image, built without Docker', () => {
  it('has the production dependencies only, with patches/ applied', () => {
    expect(existsSync(join(dir, 'node_modules/fastify/package.json'))).toBe(true);
    for (const dev of ['vitest', 'eslint', 'node', 'playwright-core', 'drizzle-kit']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);
    expect(readFileSync(join(dir, 'node_modules/postgres/cjs/src/connection.js'), 'utf8')).toContain('cityplan patch');
    expect(readFileSync(join(dir, 'node_modules/postgres/src/connection.js'), 'utf8')).toContain('cityplan patch');
    // Neither the tests nor a local .env go into the image.
    expect(existsSync(join(dir, 'tests'))).toBe(false);
    expect(existsSync(join(dir, '.env'))).toBe(false);
    expect(command).toEqual(['node', 'services/api.ts']);
  });

  it('starts the API (migrating and loading the plan), serves pages, and stops cleanly on SIGTERM', { timeout: 90_000 }, async () => {
    const database = await useTestDatabase({ seeded: false });
    const port = await freePort();
    const settings = {
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      QUEUE_PREFIX: sharedQueuePrefix('image'),
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'a-session-secret-for-the-image-test-0123456789',
      WORKER_HEARTBEAT_FILE: join(dir, 'worker-alive'),
    };
    const api = start(command.slice(1), settings, 'cityplan: API on');
    await api.started;
    expect(api.output()).toContain('Node.js v24');
    expect(api.output()).toMatch(/loaded db\/seed\/tomakomai-2020-2024\.plan\.json: \d+ goals/);

    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
    const login = await fetch(`http://127.0.0.1:${port}/login`, { headers: { accept: 'text/html' } });
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('ログイン');

    const worker = start(['jobs/worker.ts'], settings, 'worker running');
    await worker.started;
    await expect
      .poll(() => spawnSync(NODE, ['jobs/healthcheck.ts'], { cwd: dir, env: { ...settings, PATH: process.env.PATH ?? '' } }).status, { timeout: 10_000 })
      .toBe(0);

    // `node` receives SIGTERM itself (exec form), so graceful shutdown runs and exits 0.
    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await api.exited).toBe(0);
  });
});
