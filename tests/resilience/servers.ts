/**
 * Private servers and processes for the resilience tests: a Redis and a PostgreSQL cluster of
 * their own on free loopback ports (the shared ones are never stopped), and the job worker as
 * a child process that can be SIGKILLed. Each registers its clean-up with `onCleanUp`; a test
 * file calls `afterAll(cleanUp)` at its top level (an afterAll registered from inside
 * beforeAll never runs in vitest 4), so nothing outlives the file even when a test fails.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const cleanUps: (() => unknown)[] = [];

/** Registers something to stop or remove after the file's tests, last registered first. */
export function onCleanUp(fn: () => unknown) {
  cleanUps.push(fn);
}

export async function cleanUp() {
  while (cleanUps.length) {
    try {
      await cleanUps.pop()!();
    } catch (error) {
      console.warn('resilience clean-up failed:', error);
    }
  }
}

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A redis-server without persistence (as on this machine): a restart loses every queue. */
export async function usePrivateRedis() {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const cli = (...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();
  const redis = {
    url: `redis://127.0.0.1:${port}`,
    cli,
    async start() {
      server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        if (cli('ping') === 'PONG') return;
        await sleep(50);
      }
      throw new Error(`redis-server on port ${port} did not start`);
    },
    /** Dies as a crash would: no shutdown, nothing saved. */
    async kill() {
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGKILL');
      await exited;
    },
  };
  onCleanUp(() => redis.kill());
  await redis.start();
  return redis;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

export const postgresAvailable = () => spawnSync(join(PG_BIN, 'initdb'), ['--version']).status === 0;

/**
 * A PostgreSQL 15 cluster of its own, run as the `postgres` OS user (the server refuses root)
 * in a temp dir, on a free port, trust auth. `stop`/`start` play a database restart.
 */
export async function usePrivatePostgres() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cityplan-pg-'));
  const pgUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
  const pgGroup = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim();
  chownSync(dir, Number(pgUser), Number(pgGroup));
  const data = join(dir, 'data');
  const asPostgres = async (bin: string, args: string[]) => {
    try {
      await run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]);
    } catch (error) {
      const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${bin} ${args.join(' ')} failed: ${stderr || stdout || message}`);
    }
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  let running = false;
  const pg = {
    url: (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '30', 'start']);
      running = true;
    },
    /** A fast shutdown, as an operator's restart does: every connection is terminated. */
    async stop() {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
      running = false;
    },
  };
  onCleanUp(() => {
    if (running) spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  await pg.start();
  return pg;
}

/**
 * Starts the job worker (`jobs/worker.ts`) as its own process, as production runs it; each
 * `spawn` resolves once the worker says it is running. Every process still alive is killed
 * after the file's tests.
 */
export function useWorkerProcesses(baseEnv: () => Record<string, string>) {
  const alive = new Set<Promise<void>>();
  const children = new Set<ChildProcess>();
  onCleanUp(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(alive);
  });
  return async function spawnWorker(env: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['jobs/worker.ts'], {
      env: { ...process.env, LOG_LEVEL: 'silent', SEED_PLAN_FILE: '', ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    alive.add(exited);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker running') && resolve());
      child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before it ran`)));
    });
    return {
      child,
      /** Dies as a crash kills it: no running job finishes, no lock is released. */
      async kill() {
        child.kill('SIGKILL');
        await exited;
      },
    };
  };
}
