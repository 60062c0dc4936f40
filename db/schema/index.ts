/** Every table, by domain. drizzle-kit reads this file to generate migrations. */
export * from './access/index.ts';
export * from './decisions/index.ts';
export * from './installation/index.ts';
export * from './organizations/index.ts';
export * from './notifications/index.ts';
export * from './outbox/index.ts';
export * from './plans/index.ts';
export * from './population/index.ts';
export * from './reports/index.ts';
export * from './reviews/index.ts';
