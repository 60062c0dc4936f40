/**
 * The layers, checked on every `npm run lint` (so in CI): `depcruise` fails on a new violation.
 *
 *   workflows   the statecharts: pure, no I/O. May import only the vocabularies of
 *               db/schema/<domain>/constants.ts (the one thing they share with the database).
 *   db          tables, migrations, the client. Imports nothing of ours outside db/.
 *   templates   email content as data and its rendering. May import only the pure formatters
 *               services/i18n/** and services/fiscal-year.ts.
 *   services    verbs, queries, config. May import db, workflows, templates; never jobs/ or
 *               services/http/ (a service is called by both, so it knows neither).
 *   jobs        handlers and the worker. May import services (not services/http), db,
 *               workflows, templates. A definition imports no other definition.
 *   services/http and the entrypoints: the outermost layer, may import anything. The
 *               entrypoints are services/main.ts (API and worker in one process: wires both),
 *               services/api.ts and services/server.ts (the HTTP app); jobs/worker.ts and
 *               services/cli/* need no exception.
 *   No cycles anywhere.
 *
 * tests/, bench/ and scripts/ are not checked: they drive every layer from outside.
 * tests/lint/layers.test.ts plants a violation of each rule and expects this to fail.
 */
const SERVICES_INNER = '^services/(?!http/|main\\.ts$|api\\.ts$|server\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes the import order decide what is initialised; break it by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'workflows-are-pure',
      severity: 'error',
      comment: 'Statecharts import only other statecharts and the shared vocabularies.',
      from: { path: '^workflows/' },
      to: { path: '^(services|jobs|templates|db)/', pathNot: '^db/schema/[^/]+/constants\\.ts$' },
    },
    {
      name: 'db-imports-nothing-above',
      severity: 'error',
      comment: 'The schema is the bottom: a vocabulary it needs lives in db/schema/<domain>/constants.ts.',
      from: { path: '^db/' },
      to: { path: '^(services|jobs|templates|workflows)/' },
    },
    {
      name: 'templates-are-data',
      severity: 'error',
      comment: 'Templates get their data as props; they may only format it.',
      from: { path: '^templates/' },
      to: { path: '^(services|jobs|db|workflows)/', pathNot: '^services/(i18n/|fiscal-year\\.ts$)' },
    },
    {
      name: 'services-know-no-jobs-or-http',
      severity: 'error',
      comment: 'Services ask for work through the outbox (services/outbox/enqueue.ts) and are called by routes; they import neither.',
      from: { path: SERVICES_INNER },
      to: { path: '^(jobs/|services/http/)' },
    },
    {
      name: 'jobs-know-no-http',
      severity: 'error',
      from: { path: '^jobs/' },
      to: { path: '^services/(http/|main\\.ts$|api\\.ts$|server\\.ts$)' },
    },
    {
      name: 'job-definitions-stand-alone',
      severity: 'error',
      comment: 'A job asks for another by name (addJob); shared code goes to a service or jobs/.',
      from: { path: '^jobs/definitions/([^/]+)\\.ts$' },
      to: { path: '^jobs/definitions/', pathNot: '^jobs/definitions/$1\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|db/migrations)' },
    // Type-only imports count too: a layer must not even know another's types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Faster on a small machine: only what we need from the TypeScript parse.
    cache: false,
  },
};
