/** Moments as Tokyo staff read them. */
import { formatDateJa, isoDateInTokyo, tokyoMidnight } from '../fiscal-year.ts';

/** `2022-09-30 14:05` in Tokyo time. */
export function tokyoDateTime(date: Date | string): string {
  const d = new Date(date);
  const time = new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(11, 16);
  return `${isoDateInTokyo(d)} ${time}`;
}

/** `2024-06-30` → 令和6年6月30日（日） */
export const japaneseDay = (isoDay: string) => formatDateJa(tokyoMidnight(isoDay));

/**
 * "As of" a day or a moment: `YYYY-MM-DD` means the end of that day in Tokyo (everything
 * decided that day counts); a date-time is that moment. Undefined when it is neither.
 */
export function parseAsOf(text: string): Date | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    try {
      return new Date(tokyoMidnight(text).getTime() + 86_400_000 - 1);
    } catch {
      return undefined;
    }
  }
  const date = new Date(text);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && Number.isFinite(date.getTime()) ? date : undefined;
}
