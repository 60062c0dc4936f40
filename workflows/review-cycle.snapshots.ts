/**
 * Stored snapshots of the review-cycle machine, and how older ones are read.
 *
 * A snapshot is stored as `{ value, context }` with the machine version that wrote it. To
 * change the machine: bump REVIEW_CYCLE_MACHINE_VERSION and add an upgrade from the previous
 * version here, then keep a stored snapshot of the old version under
 * tests/fixtures/review-cycle-snapshots/ so the test proves it still loads.
 */
import type { CyclePhase } from '../db/schema/reviews/constants.ts';
import { REVIEW_CYCLE_MACHINE_VERSION, reviewCycleMachine, type CycleContext, type ReviewCycleMachine } from './review-cycle.machine.ts';

export interface StoredCycleSnapshot {
  value: CyclePhase;
  context: CycleContext;
}

/** upgrades[n] turns a version-n snapshot into a version-(n+1) one. */
const upgrades: Record<number, (snapshot: Record<string, unknown>) => Record<string, unknown>> = {};

export class SnapshotError extends Error {}

/** Restored on `machine`: its guards are the ones a transition from the snapshot asks. */
export function restoreCycleSnapshot(machineVersion: number, stored: unknown, machine: ReviewCycleMachine = reviewCycleMachine) {
  if (!Number.isInteger(machineVersion) || machineVersion < 1 || machineVersion > REVIEW_CYCLE_MACHINE_VERSION) {
    throw new SnapshotError(`review cycle snapshot has machine version ${machineVersion}; this build reads 1–${REVIEW_CYCLE_MACHINE_VERSION}`);
  }
  let snapshot = stored as Record<string, unknown>;
  for (let version = machineVersion; version < REVIEW_CYCLE_MACHINE_VERSION; version++) {
    const upgrade = upgrades[version];
    if (!upgrade) throw new SnapshotError(`no upgrade for review cycle snapshots of machine version ${version}`);
    snapshot = upgrade(snapshot);
  }
  // resolveState throws on a state the machine does not have: unknown states fail loudly.
  return machine.resolveState({ value: snapshot.value as CyclePhase, context: snapshot.context as CycleContext });
}
