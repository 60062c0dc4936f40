/**
 * Drizzle sends an unprepared query as an unnamed statement that PostgreSQL parses and plans
 * every time; a prepared one is built once and kept prepared by postgres.js on each
 * connection. Worth it for the queries every request runs (session, dashboard version).
 */
import type { DbOrTx } from './client.ts';

export function preparedQuery<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const built = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}
