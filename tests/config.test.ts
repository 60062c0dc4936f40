import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../services/config.ts';
import { sharedQueuePrefix, useTestDatabase } from './helpers/setup.ts';

/** Starts an entrypoint as npm would (this Node, its own type stripping) with only PATH and `env`. */
const runEntrypoint = (script: string, env: Record<string, string>, timeout = 20_000) =>
  spawnSync(process.execPath, [script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout });

describe('configuration', () => {
  it('has defaults that point at local services', () => {
    expect(parseConfig({})).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/cityplan',
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: 'smtp://127.0.0.1:1025',
      port: 3000,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a whole number, got "eighty"'],
    [{ PORT: '70000' }, 'PORT: must be between 0 and 65535, got 70000'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL: must start with postgres:// or postgresql://, got "mysql://"'],
    [{ DATABASE_URL: 'postgres://localhost' }, 'DATABASE_URL: must name a database, e.g. postgres://postgres@127.0.0.1:5432/cityplan'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL: is not a valid URL: "not a url"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET: must be at least 32 characters long'],
    [{ METRICS_TOKEN: 'guessable' }, 'METRICS_TOKEN: must be at least 32 characters long (or empty to turn /metrics off)'],
    [{ PUBLIC_URL: 'https://strategy.city.example' }, 'SESSION_SECRET: is the development default, but PUBLIC_URL is https'],
  ])('rejects %o with a message naming the setting', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('stops the process with one clear line when a service cannot be reached', () => {
    const run = runEntrypoint('services/main.ts', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/cityplan' });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cityplan: cannot start — DATABASE_URL: cannot use postgres:\/\/127\.0\.0\.1:1\/cityplan \(.*ECONNREFUSED.*\)$/);
  });

  it('stops with one clear line on a malformed setting', () => {
    const run = runEntrypoint('services/main.ts', { REDIS_URL: 'http://localhost:6379' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('cityplan: cannot start — REDIS_URL: must start with redis:// or rediss://, got "http://"');
  });

  it('accepts the development secret on http and any real secret on https', () => {
    expect(parseConfig({ PUBLIC_URL: 'http://localhost:3000' }).publicUrl).toBe('http://localhost:3000');
    expect(parseConfig({ PUBLIC_URL: 'https://strategy.city.example', SESSION_SECRET: 'x'.repeat(40) }).publicUrl).toBe('https://strategy.city.example');
  });

  it('refuses to start with the development secret behind https, in one line', () => {
    const run = runEntrypoint('services/main.ts', { PUBLIC_URL: 'https://strategy.city.example' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(/^cityplan: cannot start — SESSION_SECRET: is the development default, but PUBLIC_URL is https/);
  }, 60_000);
});

describe('a port already in use', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = (await useTestDatabase()).url;
  });

  it('stops with one line naming PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = runEntrypoint('services/api.ts', { DATABASE_URL: databaseUrl, PORT: String(port), QUEUE_PREFIX: sharedQueuePrefix('port'), LOG_LEVEL: 'warn' }, 30_000);
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(`cityplan: cannot start — PORT: ${port} is already in use on 127.0.0.1 (another cityplan or program listens there); stop it or set another PORT`);
    } finally {
      blocker.close();
    }
  }, 60_000);
});

describe('the start log of a new install', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = (await useTestDatabase({ seeded: false })).url;
  });

  it('says how to create the first administrator', async () => {
    const child = spawn(process.execPath, ['services/api.ts'], {
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: '0', SEED_PLAN_FILE: '', QUEUE_PREFIX: sharedQueuePrefix('start'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no hint within 30 s:\n${output}`)), 30_000);
        const take = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('npm run admin:create')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', take);
        child.stderr.on('data', take);
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
    } finally {
      const exited = child.exitCode === null ? once(child, 'exit') : undefined;
      child.kill('SIGTERM');
      await exited; // its connections are gone before the database is dropped
    }
    expect(output).toContain('cityplan: no administrator yet: create the first with npm run admin:create');
  }, 60_000);
});
