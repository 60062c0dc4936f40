/**
 * There is no Docker engine where the tests run, so docker-compose.yml is checked as data:
 * valid YAML, every setting services/config.ts reads given to the API and the worker,
 * secrets taken from `.env` (not written in the file), PostgreSQL and Redis not published on
 * the host, images pinned, and the app processes run as `node` under an init, with
 * healthchecks and restarts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  init?: boolean;
  restart?: string;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const { services } = compose;

/** Every environment variable services/config.ts reads: `env.NAME` or a helper's `(env, 'NAME'`. */
const configSource = readFileSync('services/config.ts', 'utf8');
const settings = [...new Set([...configSource.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g), ...configSource.matchAll(/\(env, '([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]))].sort();

describe('docker-compose.yml', () => {
  it('reads the settings from services/config.ts', () => {
    // Guards the extraction itself: a change in config.ts's style must not make this test vacuous.
    expect(settings).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'SESSION_SECRET', 'PORT', 'HOST', 'METRICS_TOKEN', 'WORKER_HEARTBEAT_FILE']));
    expect(settings.length).toBeGreaterThanOrEqual(17);
  });

  for (const name of ['api', 'worker']) {
    describe(name, () => {
      const service = services[name]!;

      it('names every setting the configuration reads', () => {
        expect(Object.keys(service.environment ?? {}).sort()).toEqual(expect.arrayContaining(settings));
      });

      it('takes its secrets from .env, refusing to start without them', () => {
        expect(service.environment!.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?/);
        expect(service.environment!.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
        expect(service.environment!.METRICS_TOKEN).toBe('${METRICS_TOKEN:-}');
      });

      it('runs node itself (exec form) under an init, restarts, and has a healthcheck', () => {
        expect(service.build).toBe('.');
        expect(service.command?.[0]).toBe('node');
        expect(service.init).toBe(true);
        expect(service.restart).toBe('unless-stopped');
        expect(service.healthcheck?.test[0]).toBe('CMD');
        expect(service.healthcheck?.test[1]).toBe('node');
      });

      it('gives a stopping process longer than its own shutdown timeout', () => {
        const grace = Number(/^(\d+)s$/.exec(service.stop_grace_period ?? '')?.[1]);
        expect(grace * 1000).toBeGreaterThan(Number(service.environment!.SHUTDOWN_TIMEOUT_MS));
      });
    });
  }

  it('runs the API and the worker from the image, each with its entry point', () => {
    expect(services.api!.command).toEqual(['node', 'services/api.ts']);
    expect(services.worker!.command).toEqual(['node', 'jobs/worker.ts']);
    expect(services.worker!.healthcheck!.test).toEqual(['CMD', 'node', 'jobs/healthcheck.ts']);
  });

  it('does not publish PostgreSQL or Redis on the host', () => {
    expect(services.postgres!.ports).toBeUndefined();
    expect(services.redis!.ports).toBeUndefined();
    expect(services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.image) continue;
      expect(service.image, name).toMatch(/:v?\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?$/);
    }
    expect(readFileSync('Dockerfile', 'utf8').match(/^FROM \S+/gm)).toEqual(['FROM node:24.21.0-bookworm-slim', 'FROM node:24.21.0-bookworm-slim']);
  });
});
