/**
 * Search by name across the plan's measures, projects and KPIs and the organization's
 * departments: a partial match (Japanese as typed, case-insensitive for Latin letters),
 * the user's words taken literally (`%` and `_` are not wildcards), a page at a time.
 * Everyone signed in reads the plan (as the API's plan tree lets them); a department member
 * finds only its own department, as the strategy office's pages about others are not theirs.
 */
import { sql } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { departments, kpis, measures, plans, projects } from '../../db/schema/index.ts';
import { isStrategyOffice, requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';

export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_KINDS = ['measure', 'project', 'kpi', 'department'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100 }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

/** The words as a LIKE pattern that matches them anywhere, literally. */
export const containsPattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface Row extends Record<string, unknown> {
  kind: SearchKind;
  id: string;
  name: string;
  plan_id: string | null;
  measure_id: string | null;
  measure_number: number | null;
  total: number;
}

export async function searchByName({ ctx, input }: { ctx: ServiceContext; input: Static<typeof SearchQuery> }) {
  const user = requireUser(ctx);
  const words = input.q.normalize('NFKC').trim();
  const page = input.page ?? 1;
  if (!words) return { q: input.q, page, pageSize: SEARCH_PAGE_SIZE, total: 0, items: [] };
  const like = containsPattern(words);
  const org = user.organizationId;
  const ownDepartment = isStrategyOffice(user) ? sql`` : sql`and ${departments.id} = ${user.departmentId}`;
  const rows = await ctx.db.execute<Row>(sql`
    select kind, id, name, plan_id, measure_id, measure_number, count(*) over ()::int as total from (
      select 'measure' as kind, 1 as rank, ${measures.id} as id, ${measures.title} as name, ${measures.planId} as plan_id, ${measures.id} as measure_id, ${measures.number} as measure_number
        from ${measures} join ${plans} on ${plans.id} = ${measures.planId}
        where ${plans.organizationId} = ${org} and ${measures.title} ilike ${like}
      union all
      select 'project', 2, ${projects.id}, ${projects.name}, ${projects.planId}, ${measures.id}, ${measures.number}
        from ${projects} join ${measures} on ${measures.id} = ${projects.measureId} join ${plans} on ${plans.id} = ${projects.planId}
        where ${plans.organizationId} = ${org} and ${projects.name} ilike ${like}
      union all
      select 'kpi', 3, ${kpis.id}, ${kpis.name}, ${kpis.planId}, ${measures.id}, ${measures.number}
        from ${kpis} join ${plans} on ${plans.id} = ${kpis.planId}
        left join ${projects} on ${projects.id} = ${kpis.projectId} left join ${measures} on ${measures.id} = ${projects.measureId}
        where ${plans.organizationId} = ${org} and ${kpis.name} ilike ${like}
      union all
      select 'department', 4, ${departments.id}, ${departments.name}, null, null, null
        from ${departments}
        where ${departments.organizationId} = ${org} and ${departments.name} ilike ${like} ${ownDepartment}
    ) found
    order by rank, measure_number nulls last, name, id
    limit ${SEARCH_PAGE_SIZE} offset ${(page - 1) * SEARCH_PAGE_SIZE}`);
  const list = [...rows];
  return {
    q: words,
    page,
    pageSize: SEARCH_PAGE_SIZE,
    // Past the last page the window is empty: say so rather than guess a total.
    total: list[0]?.total ?? 0,
    items: list.map((r) => ({ kind: r.kind, id: r.id, name: r.name, planId: r.plan_id, measureId: r.measure_id, measureNumber: r.measure_number })),
  };
}
