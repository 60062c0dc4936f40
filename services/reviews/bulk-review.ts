/**
 * Bulk work of the strategy office: accept several submissions, approve or reject several
 * proposals. Each item goes through its own single-item verb (its own transaction, audit row
 * and race check), so one refusal (409, 403, 404) is that item's outcome and never undoes the
 * others. Items run one after another: they often share a cycle, whose lock orders them anyway.
 */
import Type, { type Static } from 'typebox';
import { requireStrategyOffice } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { ServiceError, type ServiceErrorCode } from '../errors.ts';
import { OrNull, Text, Uuid } from '../input-schemas.ts';
import { decideProposal } from './decide-proposal.ts';
import { reviewSubmission } from './review-submission.ts';

export const MAX_BULK = 100;
const Ids = Type.Array(Uuid, { minItems: 1, maxItems: MAX_BULK, uniqueItems: true });

export const BulkAcceptBody = Type.Object({ taskIds: Ids });
/** One reason for all (a rejection needs it, as each single rejection does). */
export const BulkDecideBody = Type.Object({ proposalIds: Ids, decision: Type.Enum(['approve', 'reject']), reason: Type.Optional(OrNull(Text(2000))) });

export type BulkOutcome = 'done' | 'conflict' | 'forbidden' | 'not_found' | 'bad_request';
export interface BulkItemResult {
  id: string;
  outcome: BulkOutcome;
  /** The refusal as the single verb said it (English, for the API; pages show the outcome in words). */
  message: string | null;
}

const OUTCOMES: Partial<Record<ServiceErrorCode, BulkOutcome>> = { CONFLICT: 'conflict', FORBIDDEN: 'forbidden', NOT_FOUND: 'not_found', BAD_REQUEST: 'bad_request', PRECONDITION_FAILED: 'conflict' };

async function eachItem(ids: string[], run: (id: string) => Promise<unknown>): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = [];
  for (const id of ids) {
    try {
      await run(id);
      results.push({ id, outcome: 'done', message: null });
    } catch (error) {
      const outcome = error instanceof ServiceError ? OUTCOMES[error.code] : undefined;
      // Anything else (not signed in, a fault) is not an item's outcome: it stops the request as a single call would.
      if (!outcome) throw error;
      results.push({ id, outcome, message: (error as ServiceError).message });
    }
  }
  return results;
}

export async function acceptSubmissions({ ctx, input }: { ctx: ServiceContext; input: Static<typeof BulkAcceptBody> }) {
  // Bulk work is the strategy office's; who may accept each task is still its own check (the statechart's ACTOR_GUARDS).
  requireStrategyOffice(ctx);
  return { items: await eachItem(input.taskIds, (taskId) => reviewSubmission({ ctx, input: { taskId, decision: 'accept', comment: null } })) };
}

export async function decideProposals({ ctx, input }: { ctx: ServiceContext; input: Static<typeof BulkDecideBody> }) {
  requireStrategyOffice(ctx);
  return { items: await eachItem(input.proposalIds, (proposalId) => decideProposal({ ctx, input: { proposalId, decision: input.decision, reason: input.reason ?? null } })) };
}
