/**
 * The thresholds that turn a progress ratio into a status. Each plan may set its own in
 * `plans.orient_settings`; anything missing or unusable there falls back to the defaults.
 */

export interface OrientThresholds {
  /** Progress below this share of the expected progress is "at risk" (要注意). */
  atRisk: number;
  /** Progress below this share is "off track" (遅れ). */
  offTrack: number;
  /** A keep-level KPI within this relative distance of its target holds its level (達成). */
  keepTolerance: number;
}

export const DEFAULT_THRESHOLDS: Readonly<OrientThresholds> = Object.freeze({ atRisk: 0.9, offTrack: 0.7, keepTolerance: 0.05 });

/**
 * The thresholds of a plan from its stored settings (jsonb, may be null). A value that is not a
 * number between 0 and 1 is ignored; if offTrack would end up above atRisk, both take their defaults.
 */
export function resolveThresholds(settings: unknown): OrientThresholds {
  const raw = (settings && typeof settings === 'object' ? settings : {}) as Record<string, unknown>;
  const pick = (key: keyof OrientThresholds) => {
    const value = raw[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : DEFAULT_THRESHOLDS[key];
  };
  const resolved = { atRisk: pick('atRisk'), offTrack: pick('offTrack'), keepTolerance: pick('keepTolerance') };
  if (resolved.offTrack > resolved.atRisk) return { ...resolved, atRisk: DEFAULT_THRESHOLDS.atRisk, offTrack: DEFAULT_THRESHOLDS.offTrack };
  return resolved;
}
