export * from './constants.ts';
export * from './tables.ts';
