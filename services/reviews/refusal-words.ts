/**
 * The review cycle's refusals and blockers in words. The machine says why as data
 * (workflows/review-cycle.runner.ts); the words are the catalogue's, said in the reader's
 * language where they are shown (a page, the API's English), phase and status names included.
 */
import type { Blocker } from '../../workflows/review-cycle.machine.ts';
import type { Refusal } from '../../workflows/review-cycle.runner.ts';
import { say, type MessageKey, type Words } from '../i18n/translate.ts';

/** A key built from the machine's names (phases, events, statuses, blocker codes), all in the catalogue. */
const named = (key: string): Words => ({ key: key as MessageKey });

export const blockerWords = (b: Blocker): Words => ({ key: `blockers.${b.code}`, params: { n: b.count } });

export function refusalWords(refusal: Refusal): Words {
  const here: Words = { key: 'refusals.here', params: { phase: named(`phases.${refusal.phase}`) } };
  const action = named(`cycleActions.${refusal.action}`);
  switch (refusal.reason) {
    case 'wrongPhase': {
      const phases = refusal.phases ?? [];
      return { key: 'refusals.wrongPhase', params: { here, action, phases: phases.length ? { list: phases.map((p) => named(`phases.${p}`)), separator: 'refusals.phaseSeparator' } : { key: 'refusals.noPhase' } } };
    }
    case 'blocked':
      return { key: 'refusals.blocked', params: { here, blockers: { list: (refusal.blockers ?? []).map(blockerWords), separator: 'refusals.blockerSeparator' } } };
    case 'proposalAlready':
      return { key: 'refusals.proposalAlready', params: { status: named(`proposalStatuses.${refusal.status}`) } };
    case 'taskLocked':
    case 'nothingToReview':
    case 'taskAlready':
      return { key: `refusals.${refusal.reason}`, params: { status: named(`taskStatuses.${refusal.status}`) } };
    case 'officeOnly':
      return { key: 'refusals.officeOnly', params: { action } };
    case 'submittedPastDue':
      return { key: 'refusals.submittedPastDue' };
    default:
      return { key: `refusals.${refusal.reason}`, params: { here, action } };
  }
}

/** A blocker as the API shows it: its count, and its words in both languages for clients that show them. */
export const blockerForApi = (b: Blocker) => ({ ...b, en: say(blockerWords(b), 'en'), ja: say(blockerWords(b), 'ja') });
