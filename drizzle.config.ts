import { defineConfig } from 'drizzle-kit';

// Only `npm run db:generate` reads this; the app migrates itself on start (db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
  strict: true,
});
