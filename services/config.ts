/**
 * Configuration is read from the environment once, at boot, into one typed object that is
 * passed down. Nothing else reads `process.env`. Every problem names the setting and says
 * what is wrong, so the process can stop with one clear line.
 */

export interface Config {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  mailFrom: string;
  host: string;
  port: number;
  /** Base URL used in links inside emails. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Plan file loaded on first start when the database holds no plan; empty to skip. */
  seedPlanFile: string;
  /**
   * Prefix of every BullMQ key, so several installs (or test files) can share one Redis.
   * Unset, boot makes it `cityplan-<first 8 hex of the install id>` (services/boot.ts);
   * `queuePrefixSet` says whether QUEUE_PREFIX chose it.
   */
  queuePrefix: string;
  queuePrefixSet: boolean;
  /** Secret for signing session cookies and CSRF tokens; at least 32 characters. */
  sessionSecret: string;
  sessionTtlHours: number;
  /** A session unused this long ends (checked on the server against its last request). */
  sessionIdleMinutes: number;
  /** Days an API token lives when its creator does not say; and the most a creator may ask for. */
  apiTokenDefaultDays: number;
  apiTokenMaxDays: number;
  /** Offset of the application clock from real time, for demos and simulations. */
  clockOffsetMs: number;
  /** How long a worker holds a job without renewing before others treat it as stalled and retry it. */
  jobLockMs: number;
  /** How long a stopping process waits for its connections to close before it exits anyway. */
  shutdownTimeoutMs: number;
  /** Bearer token a Prometheus scraper sends for GET /metrics; empty turns /metrics off (404). */
  metricsToken: string;
  /** File the worker touches while it can reach PostgreSQL and Redis, for a container healthcheck; empty for none. */
  workerHeartbeatFile: string;
  /** /docs without signing in (off by default: the route list helps an attacker). */
  apiDocsPublic: boolean;
  /** The largest file a department may attach to a submission, in bytes (ATTACHMENT_MAX_BYTES, 10 MiB by default). */
  attachmentMaxBytes: number;
  /** How many files one submission may carry (ATTACHMENT_MAX_FILES, 5 by default). */
  attachmentMaxFiles: number;
}

export class ConfigError extends Error {
  readonly setting: string;

  constructor(setting: string, problem: string) {
    super(`${setting}: ${problem}`);
    this.setting = setting;
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_SESSION_SECRET = 'development-only-secret-change-me-in-production!';

export function parseConfig(env: Env): Config {
  const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST ?? '127.0.0.1';
  const sessionSecret = env.SESSION_SECRET ?? DEV_SESSION_SECRET;
  if (sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters long');
  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']).replace(/\/$/, '');
  // An https address means real users; the development secret is public (it is in this file).
  if (sessionSecret === DEV_SESSION_SECRET && publicUrl.startsWith('https:')) {
    throw new ConfigError('SESSION_SECRET', 'is the development default, but PUBLIC_URL is https: set a random secret of at least 32 characters (e.g. openssl rand -base64 48)');
  }
  return {
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/cityplan', ['postgres:', 'postgresql:'], true),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    smtpUrl: url(env, 'SMTP_URL', 'smtp://127.0.0.1:1025', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM ?? '総合戦略システム <strategy@localhost>',
    host,
    port,
    publicUrl,
    logLevel: logLevel as Config['logLevel'],
    seedPlanFile: env.SEED_PLAN_FILE ?? 'db/seed/tomakomai-2020-2024.plan.json',
    queuePrefix: nonEmpty(env, 'QUEUE_PREFIX', 'cityplan'),
    queuePrefixSet: env.QUEUE_PREFIX !== undefined,
    sessionSecret,
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 5, 24 * 60),
    apiTokenDefaultDays: integer(env, 'API_TOKEN_DEFAULT_DAYS', 90, 1, 3650),
    apiTokenMaxDays: integer(env, 'API_TOKEN_MAX_DAYS', 365, 1, 3650),
    clockOffsetMs: integer(env, 'CLOCK_OFFSET_MS', 0, -1e13, 1e13),
    jobLockMs: integer(env, 'JOB_LOCK_MS', 30_000, 1_000, 600_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 30_000, 1_000, 600_000),
    metricsToken: metricsToken(env),
    workerHeartbeatFile: env.WORKER_HEARTBEAT_FILE ?? '',
    apiDocsPublic: flag(env, 'API_DOCS_PUBLIC'),
    // Attachments are stored in PostgreSQL (a backup keeps them): the bounds keep a row reasonable.
    attachmentMaxBytes: integer(env, 'ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 50 * 1024 * 1024),
    attachmentMaxFiles: integer(env, 'ATTACHMENT_MAX_FILES', 5, 1, 20),
  };
}

/** A guessable token would publish the system's load and queue sizes to anyone. */
function metricsToken(env: Env): string {
  const token = env.METRICS_TOKEN ?? '';
  if (token !== '' && token.length < 32) throw new ConfigError('METRICS_TOKEN', 'must be at least 32 characters long (or empty to turn /metrics off)');
  return token;
}

function flag(env: Env, name: string): boolean {
  const raw = (env[name] ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const value = env[name] ?? fallback;
  if (value.trim() === '') throw new ConfigError(name, 'must not be empty');
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function url(env: Env, name: string, fallback: string, protocols: string[], needsPath = false): string {
  const raw = nonEmpty(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${parsed.protocol}//"`);
  }
  if (needsPath && parsed.pathname.replace(/^\//, '') === '') {
    throw new ConfigError(name, 'must name a database, e.g. postgres://postgres@127.0.0.1:5432/cityplan');
  }
  return raw;
}
