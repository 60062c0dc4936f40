/**
 * When a late statistic's figure is published is the city's setting, not plan data: the
 * printed plan says nothing about it. A plan's `orient_settings.publicationLags` maps a KPI
 * code to the months after the fiscal year closes until its figure comes out, and optionally
 * the statistic it comes from, e.g.
 *   { "publicationLags": { "g2-t1": { "monthsAfterYearEnd": 20, "source": "人口動態統計（厚生労働省）" } } }
 * Pages and reasons present it as the city's setting (市の設定).
 */

export interface PublicationLag {
  monthsAfterYearEnd: number;
  /** The statistic the figure comes from, as the city named it in the setting. */
  source: string | null;
}

/** The usable entries of a plan's settings; anything malformed is ignored (the KPI is then due when its year closes). */
export function resolvePublicationLags(settings: unknown): Map<string, PublicationLag> {
  const lags = new Map<string, PublicationLag>();
  const raw = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).publicationLags : undefined;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return lags;
  for (const [code, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') continue;
    const { monthsAfterYearEnd: months, source } = entry as Record<string, unknown>;
    if (typeof months !== 'number' || !Number.isInteger(months) || months < 0 || months > 120) continue;
    lags.set(code, { monthsAfterYearEnd: months, source: typeof source === 'string' && source.trim() ? source.trim() : null });
  }
  return lags;
}
