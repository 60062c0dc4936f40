import type { Clock } from '../../services/context.ts';

/** A clock tests set by hand: `clock.set('2023-05-01T09:00:00+09:00')`, `clock.advanceDays(7)`. */
export function manualClock(start: string) {
  let current = new Date(start);
  const clock: Clock & { set(iso: string): void; advanceDays(days: number): void } = {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso);
    },
    advanceDays: (days) => {
      current = new Date(current.getTime() + days * 86_400_000);
    },
  };
  return clock;
}
