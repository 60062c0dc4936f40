/**
 * Decisions in force at a moment: those decided by then, and the document's own decisions,
 * which carry no day (the print dates them by fiscal year only) and are part of the plan as
 * loaded from the start.
 */
import { isNull, lte, or } from 'drizzle-orm';
import { decisionLog } from '../../db/schema/index.ts';

export const decidedBy = (asOf: Date) => or(isNull(decisionLog.decidedAt), lte(decisionLog.decidedAt, asOf));
