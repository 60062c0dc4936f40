/** Every table, by domain. drizzle-kit reads this file to generate migrations. */
export * from './decisions/index.ts';
export * from './organizations/index.ts';
export * from './plans/index.ts';
