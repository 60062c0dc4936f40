/**
 * The layer rules (.dependency-cruiser.cjs) catch what they say they catch: a scratch tree with
 * one planted violation of each rule, and the edges the rules allow, is checked by the same
 * config `npm run lint` uses. The real tree being clean is `npm run lint` itself.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const dir = mkdtempSync(join(tmpdir(), 'layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** file → what it imports (paths from the tree's root). */
const TREE: Record<string, string[]> = {
  // Planted violations, one per rule.
  'db/schema/plans/tables.ts': ['services/plans/markers.ts'],
  'workflows/machine.ts': ['db/schema/plans/tables.ts', 'db/schema/plans/constants.ts'],
  'templates/emails/reminder.ts': ['db/schema/plans/constants.ts', 'services/i18n/format.ts', 'services/fiscal-year.ts'],
  'services/reviews/verb.ts': ['jobs/add-job.ts'],
  'services/reviews/page-helper.ts': ['services/http/pages/view.ts'],
  'jobs/definitions/daily-run.ts': ['jobs/definitions/send-email.ts', 'services/reviews/verb.ts'],
  'jobs/definitions/send-email.ts': ['services/http/app.ts'],
  'jobs/a.ts': ['jobs/b.ts'],
  'jobs/b.ts': ['jobs/a.ts'],
  // Allowed edges.
  'services/http/queue-board.ts': ['jobs/queues.ts'],
  'services/main.ts': ['jobs/run-worker.ts', 'services/server.ts'],
  'services/server.ts': ['services/http/app.ts'],
  'services/outbox/enqueue.ts': ['db/schema/plans/tables.ts', 'workflows/runner.ts', 'templates/emails/reminder.ts'],
  'workflows/runner.ts': ['workflows/machine.ts'],
  'jobs/run-worker.ts': ['jobs/registry.ts', 'jobs/queues.ts'],
  'jobs/registry.ts': ['jobs/definitions/daily-run.ts'],
};
const leaves = ['services/plans/markers.ts', 'db/schema/plans/constants.ts', 'services/i18n/format.ts', 'services/fiscal-year.ts', 'jobs/add-job.ts', 'services/http/pages/view.ts', 'services/http/app.ts', 'jobs/queues.ts'];

function plant() {
  for (const file of [...Object.keys(TREE), ...leaves]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    const imports = (TREE[file] ?? []).map((target, i) => `import * as m${i} from '${relative(file, target)}';\nvoid m${i};`);
    writeFileSync(join(dir, file), `${imports.join('\n')}\nexport const x = 1;\n`);
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }));
  cpSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
}

function relative(from: string, to: string) {
  const up = from.split('/').length - 1;
  return `${up ? '../'.repeat(up) : './'}${to}`;
}

/** As `npm run lint` runs it (the JSON reporter would exit 0 whatever it finds). */
function cruise(): Promise<{ code: number; violations: string[] }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [depcruise, '--config', '.dependency-cruiser.cjs', 'services', 'jobs', 'db', 'workflows', 'templates'], { cwd: dir }, (error, stdout) => {
      // `error rule: from → to`; a cycle names only where it starts, its path on the lines after.
      const violations = [...stdout.matchAll(/^\s*error (\S+): (\S+) →(?: (\S+))? *$/gm)].map(([, rule, from, to]) => `${rule}: ${from}${to ? ` → ${to}` : ''}`);
      resolve({ code: error ? Number(error.code ?? 1) : 0, violations });
    });
  });
}

describe('the layer rules', () => {
  it('fail on each planted violation and only on those', { timeout: 30_000 }, async () => {
    plant();
    const { code, violations } = await cruise();
    expect(code).not.toBe(0);
    expect(violations.sort()).toEqual(
      [
        'db-imports-nothing-above: db/schema/plans/tables.ts → services/plans/markers.ts',
        'workflows-are-pure: workflows/machine.ts → db/schema/plans/tables.ts',
        'templates-are-data: templates/emails/reminder.ts → db/schema/plans/constants.ts',
        'services-know-no-jobs-or-http: services/reviews/verb.ts → jobs/add-job.ts',
        'services-know-no-jobs-or-http: services/reviews/page-helper.ts → services/http/pages/view.ts',
        'job-definitions-stand-alone: jobs/definitions/daily-run.ts → jobs/definitions/send-email.ts',
        'jobs-know-no-http: jobs/definitions/send-email.ts → services/http/app.ts',
        // A cycle is reported once, from its first module.
        'no-circular: jobs/a.ts',
      ].sort(),
    );
  });
});
