/**
 * Counts every row written to this test file's own database (a private clone): an AFTER
 * INSERT OR UPDATE OR DELETE row trigger on every public table bumps a counter per table,
 * operation and — for updates — the columns that changed. Counters live in the same
 * transaction as the write, so a rolled-back write is not counted.
 */
import type { TestDatabase } from '../helpers/setup.ts';

type Sql = TestDatabase['sql'];
export type WriteCounts = Map<string, number>;

export async function installWriteCounter(sql: Sql) {
  await sql.unsafe(`
    create table fuzz_writes (tbl text not null, op text not null, cols text not null, n bigint not null, primary key (tbl, op, cols));
    create function fuzz_count_write() returns trigger language plpgsql as $$
    declare changed text := '';
    begin
      if TG_OP = 'UPDATE' then
        select coalesce(string_agg(e.key, ',' order by e.key), '') into changed
          from jsonb_each(to_jsonb(NEW)) e where e.value is distinct from to_jsonb(OLD) -> e.key;
      end if;
      insert into fuzz_writes values (TG_TABLE_NAME, TG_OP, changed, 1)
        on conflict (tbl, op, cols) do update set n = fuzz_writes.n + 1;
      return null;
    end $$;`);
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'fuzz_writes'`;
  for (const { name } of tables) {
    await sql.unsafe(`create trigger fuzz_count_write after insert or update or delete on "${name}" for each row execute function fuzz_count_write()`);
  }
  return tables.length;
}

export async function writeCounts(sql: Sql): Promise<WriteCounts> {
  const rows = await sql<{ key: string; n: string }[]>`select tbl || ' ' || op || (case when cols = '' then '' else ' (' || cols || ')' end) as key, n from fuzz_writes`;
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** What was written between two snapshots, e.g. `["api_tokens UPDATE (last_used_at) ×1"]`. */
export function writesBetween(before: WriteCounts, after: WriteCounts): { key: string; n: number }[] {
  return [...after]
    .map(([key, n]) => ({ key, n: n - (before.get(key) ?? 0) }))
    .filter((w) => w.n > 0);
}
