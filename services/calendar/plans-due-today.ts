/**
 * Which plans' daily run may start now: each plan's calendar says at what time of day (Tokyo)
 * its run starts. Read-only; the hourly tick (jobs/definitions/daily-run.ts) starts each at
 * most once a day by its job id.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { calendarsOf } from './review-calendar.ts';

export async function plansDueToday(db: DbOrTx, now: Date): Promise<{ date: string; planIds: string[] }> {
  const date = isoDateInTokyo(now);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  // Drafts have no reviews to run.
  const ids = (await db.select({ id: plans.id }).from(plans).where(eq(plans.status, 'adopted'))).map((p) => p.id);
  // One query for every calendar, not one per plan.
  const calendars = await calendarsOf(db, ids);
  return { date, planIds: ids.filter((id) => time >= calendars.get(id)!.dailyRunAt) };
}
