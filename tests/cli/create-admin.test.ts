/** The set-up commands, run as an operator would: spawned, with answers piped to stdin. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizations, users } from '../../db/schema/index.ts';
import { verifyPassword } from '../../services/auth/passwords.ts';
import { sharedQueuePrefix, useTestDatabase, type TestDatabase } from '../helpers/setup.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await useTestDatabase();
});

function run(script: string, args: string[], stdin = '') {
  const result = spawnSync(process.execPath, [`services/cli/${script}.ts`, ...args], {
    input: stdin,
    env: { PATH: process.env.PATH, DATABASE_URL: database.url, QUEUE_PREFIX: sharedQueuePrefix('cli'), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('npm run admin:create', () => {
  it('creates an administrator of the only organization with the password from stdin, never printing it', async () => {
    const result = run('create-admin', ['--email', 'Kanri@City.Tomakomai.example', '--name', '管理 花子'], 'first-admin-password\nfirst-admin-password\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('created administrator kanri@city.tomakomai.example (管理 花子) for 苫小牧市');
    expect(result.stdout + result.stderr).not.toContain('first-admin-password');
    const [row] = await database.db.select().from(users).where(eq(users.email, 'kanri@city.tomakomai.example'));
    expect(row).toMatchObject({ role: 'admin', name: '管理 花子', active: true, departmentId: null, mustChangePassword: true });
    expect(await verifyPassword(row!.passwordHash, 'first-admin-password')).toBe(true);
  }, 60_000);

  it('asks the email and name too when they are not given', async () => {
    const result = run('create-admin', [], 'second@city.tomakomai.example\n二番 目\nsecond-admin-password\nsecond-admin-password\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('created administrator second@city.tomakomai.example (二番 目)');
  }, 60_000);

  it.each([
    [['--email', 'kanri@city.tomakomai.example', '--name', 'x'], 'another-password-1\nanother-password-1\n', 'admin:create: a user with the email kanri@city.tomakomai.example already exists in this organization; nothing was created'],
    [['--email', 'short@city.tomakomai.example', '--name', 'x'], 'short-pw\nshort-pw\n', 'admin:create: password must be at least 12 characters long; nothing was created'],
    [['--email', 'common@city.tomakomai.example', '--name', 'x'], 'qwerty123456\nqwerty123456\n', 'admin:create: password is on a list of commonly used passwords; nothing was created'],
    [['--email', 'differ@city.tomakomai.example', '--name', 'x'], 'one-password-12\nanother-password\n', 'admin:create: password: the two passwords differ; nothing was created'],
    [['--email', 'not-an-email', '--name', 'x'], 'good-password-12\ngood-password-12\n', 'admin:create: email: "not-an-email" is not an email address; nothing was created'],
    [['--email', 'nopw@city.tomakomai.example', '--name', 'x'], '', 'admin:create: stdin ended before every answer was given; nothing was created'],
    [['--email', 'org@city.tomakomai.example', '--name', 'x', '--organization', 'nowhere'], 'good-password-12\ngood-password-12\n', 'admin:create: organization: "nowhere" does not exist (there are: tomakomai); nothing was created'],
  ])('refuses %j in one line with a non-zero exit', async (args, stdin, line) => {
    const result = run('create-admin', args, stdin);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(line);
  }, 60_000);

  it('needs --organization once the install serves several, and creates the second city with organization:create', async () => {
    const created = run('create-organization', ['--code', 'otherville', '--name', '別の市', '--name-en', 'Otherville City']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const [org] = await database.db.select().from(organizations).where(eq(organizations.code, 'otherville'));
    expect(org).toMatchObject({ name: '別の市', nameEn: 'Otherville City' });
    expect(run('create-organization', ['--code', 'otherville', '--name', '別の市']).stderr).toBe('organization:create: an organization with the code "otherville" already exists; nothing was created');
    expect(run('create-organization', ['--code', 'Other Ville', '--name', '別の市']).stderr).toMatch(/^organization:create: code: must be 2 to 40 lower-case letters/);

    const ambiguous = run('create-admin', ['--email', 'boss@otherville.example', '--name', '別市 管理'], 'otherville-password\notherville-password\n');
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toBe('admin:create: organization: this install serves 2; choose one with --organization (otherville, tomakomai); nothing was created');
    const chosen = run('create-admin', ['--email', 'boss@otherville.example', '--name', '別市 管理', '--organization', 'otherville'], 'otherville-password\notherville-password\n');
    expect(chosen.status).toBe(0);
    const [boss] = await database.db.select().from(users).where(eq(users.email, 'boss@otherville.example'));
    expect(boss!.organizationId).toBe(org!.id);
  }, 180_000);
});

describe('.env', () => {
  it('is read by every npm command that runs the app or a set-up command', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const name of ['start', 'api', 'worker', 'admin:create', 'organization:create', 'plan:import', 'demo:users']) {
      expect(scripts[name], name).toMatch(/^node --env-file-if-exists=\.env /);
    }
  });

  it('gives the settings to a command, and the real environment wins over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cityplan-env-'));
    try {
      writeFileSync(join(dir, '.env'), `DATABASE_URL=${database.url}\nQUEUE_PREFIX=${sharedQueuePrefix('env')}\nLOG_LEVEL=warn\n`);
      const script = resolve('services/cli/create-organization.ts');
      const spawnIn = (env: Record<string, string>) =>
        spawnSync(process.execPath, ['--env-file-if-exists=.env', script, '--code', 'envtown', '--name', '環境町'], { cwd: dir, env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', timeout: 30_000 });
      const overridden = spawnIn({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/cityplan' });
      expect(overridden.status).toBe(1);
      expect(overridden.stderr).toContain('DATABASE_URL: cannot use postgres://127.0.0.1:1/cityplan');
      const fromFile = spawnIn({});
      expect(fromFile.stderr).toBe('');
      expect(fromFile.status).toBe(0);
      expect(await database.db.select().from(organizations).where(eq(organizations.code, 'envtown'))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
