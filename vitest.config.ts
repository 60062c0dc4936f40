import { defineConfig } from 'vitest/config';
import { hasChromium, MISSING_TOOLS } from './tests/helpers/system-tools.ts';

for (const { tool, suites, install } of MISSING_TOOLS) {
  const line = `[tests] ${tool} not found: skipping ${suites} (install: ${install})`;
  // CI installs every tool first (.ci/run); there a skipped suite would hide a failure.
  if (process.env.CI) throw new Error(line);
  console.warn(line);
}

/**
 * Two tiers. `unit`: pure functions and the statechart, no PostgreSQL, Redis or browser
 * (`npm run test:unit`, seconds). `integration`: everything else, against the real services,
 * each file on its own database cloned from a template made once per run.
 * A new pure test is added to UNIT by name; anything not listed runs with the services.
 */
const UNIT = [
  'tests/workflows/**/*.test.ts',
  'tests/orient/{assess-kpi,fiscal-year,properties,effect-grade-and-summary,docs-table}.test.ts',
  'tests/jobs/reminder-step.test.ts',
  'tests/jobs/job-types.test.ts',
  'tests/lint/layers.test.ts',
  'tests/reports/csv.test.ts',
  'tests/pages/page-helpers.test.ts',
  'tests/pages/task-guide.test.ts',
  'tests/plans/seed-audit.test.ts',
  'tests/plans/current-plan.test.ts',
  'tests/uploads/archive-limits.test.ts',
  'tests/reviews/plausibility.test.ts',
  'tests/i18n/translate.test.ts',
  'tests/decisions/describe-changes.test.ts',
  'tests/population/vision-path.test.ts',
  'tests/auth/user-agent.test.ts',
];

export default defineConfig({
  test: {
    // Two workers suit a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The JSON report is what .ci/run counts passes and failures from.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-report.json' }]],
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/**/*.test.ts'], exclude: [...UNIT, ...(hasChromium ? [] : ['tests/browser/**'])], globalSetup: ['tests/helpers/global-setup.ts'] },
      },
    ],
  },
});
