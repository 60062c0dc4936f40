/**
 * What a signed-in person may do, in one place, for pages to decide which links and forms to
 * show. The verbs still check every request themselves; this only keeps a page from offering
 * what would be refused (and templates from checking roles).
 */
import type { AuthUser } from '../context.ts';
import { isStrategyOffice } from './authorize.ts';

export interface Capabilities {
  /** KPI tables (Excel, CSV), the revised strategy, the council's opinions and what is published: all staff. */
  readReports: boolean;
  /** The committee packet (getCommitteePacket). */
  committeePacket: boolean;
  /** Record a council opinion and the city's response (record-/respond-to-council-opinion). */
  answerCouncil: boolean;
  /** Publish, preview and withdraw the citizens' page (publish, preview-progress, withdraw-publication). */
  publish: boolean;
  /** The administration pages (review calendar; users and more for administrators). */
  administer: boolean;
  /** The season at a glance and its bulk work (services/reviews/season.ts, bulk-review.ts). */
  season: boolean;
  /** Write and adopt plans, amend adopted ones (services/plans/editor/); everyone reads them. */
  editPlans: boolean;
  /** The job queues (queue-board.ts). */
  queues: boolean;
  /** Create the next period's plan from a plan (create-next-plan). */
  startNextPlan: boolean;
}

export function capabilitiesOf(user: AuthUser): Capabilities {
  const office = isStrategyOffice(user);
  return { readReports: true, committeePacket: office, answerCouncil: office, publish: office, administer: office, season: office, editPlans: office, queues: user.role === 'admin', startNextPlan: office };
}
