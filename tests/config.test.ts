import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../services/config.ts';

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
  ])('rejects %o with a message naming the setting', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('stops the process with one clear line when a service cannot be reached', () => {
    const run = spawnSync(process.execPath, ['services/main.ts'], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/cityplan' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cityplan: cannot start — DATABASE_URL: cannot use postgres:\/\/127\.0\.0\.1:1\/cityplan \(.*ECONNREFUSED.*\)$/);
  });

  it('stops with one clear line on a malformed setting', () => {
    const run = spawnSync(process.execPath, ['services/main.ts'], {
      env: { PATH: process.env.PATH, REDIS_URL: 'http://localhost:6379' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('cityplan: cannot start — REDIS_URL: must start with redis:// or rediss://, got "http://"');
  });
});
