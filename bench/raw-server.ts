/**
 * P1's baseline: a bare Fastify route doing one primary-key SELECT with postgres.js — no
 * hooks, no logging, no schema. Run as its own process by the bench.
 */
import Fastify from 'fastify';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 10 });
const app = Fastify({ logger: false });
app.get('/raw/:id', async (request) => {
  const [row] = await sql`select id, code, name, organization_id from plans where id = ${(request.params as { id: string }).id}`;
  return row;
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log('raw server ready');
process.on('SIGTERM', () => void app.close().then(() => sql.end()).then(() => process.exit(0)));
