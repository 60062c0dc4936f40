/**
 * The plan's revisions among the decision log's rows: every row but the strategy office's
 * decisions about the citizens' page (subject `publication`), which revise nothing in the plan.
 */
import { ne } from 'drizzle-orm';
import { decisionLog } from '../../db/schema/index.ts';
import type { RevisionMarker } from '../plans/markers.ts';

export const revisionsOnly = ne(decisionLog.subjectType, 'publication');

/** A decision_log row that revised the plan: its marker is one of the document's kinds. */
export type RevisionRow = Omit<typeof decisionLog.$inferSelect, 'marker' | 'subjectType'> & { marker: RevisionMarker; subjectType: 'measure' | 'project' | 'kpi' };

/** Rows read with `revisionsOnly`, typed as the revisions they are. */
export const asRevisions = (rows: (typeof decisionLog.$inferSelect)[]) => rows as RevisionRow[];
