/**
 * The plan's revisions among the decision log's rows: those of the document's kinds. Not the
 * strategy office's decisions about the citizens' page, which revise nothing in the plan, nor an
 * amended measure title (施策内容変更), a kind the document does not print: both stay in the log.
 */
import { inArray } from 'drizzle-orm';
import { decisionLog } from '../../db/schema/index.ts';
import { REVISION_MARKERS, type RevisionMarker } from '../plans/markers.ts';

export const revisionsOnly = inArray(decisionLog.marker, [...REVISION_MARKERS]);

/** A decision_log row that revised the plan: its marker is one of the document's kinds. */
export type RevisionRow = Omit<typeof decisionLog.$inferSelect, 'marker' | 'subjectType'> & { marker: RevisionMarker; subjectType: 'measure' | 'project' | 'kpi' };

/** Rows read with `revisionsOnly`, typed as the revisions they are. */
export const asRevisions = (rows: (typeof decisionLog.$inferSelect)[]) => rows as RevisionRow[];
