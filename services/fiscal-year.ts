/**
 * Fiscal years (年度: 1 April – 31 March, Asia/Tokyo) and the Japanese labels the city prints:
 * 令和3年度 / FY2021, 令和元年度, 平成30年度, and 平成30年 / 2018 for calendar-year figures.
 * Pure: every date is passed in; nothing here reads the clock.
 */

// Japan keeps +09:00 all year (no daylight saving), so a fixed offset is exact.
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface TokyoDate {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** The calendar date of an instant in Tokyo. */
export function tokyoDate(date: Date): TokyoDate {
  const time = date.getTime();
  if (!Number.isFinite(time)) throw new RangeError('invalid date');
  const t = new Date(time + TOKYO_OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), weekday: t.getUTCDay() };
}

/** The Tokyo calendar date of an instant as `YYYY-MM-DD`. */
export function isoDateInTokyo(date: Date): string {
  const { year, month, day } = tokyoDate(date);
  return isoDate(year, month, day);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The fiscal year an instant falls in: April–December belong to that year, January–March to the one before. */
export function fiscalYearOf(date: Date): number {
  const { year, month } = tokyoDate(date);
  return month >= 4 ? year : year - 1;
}

/** First and last day of a fiscal year, as `YYYY-MM-DD`. */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: isoDate(fiscalYear, 4, 1), end: isoDate(fiscalYear + 1, 3, 31) };
}

interface Era {
  ja: string;
  en: string;
  /** First day of the era: [year, month, day]. */
  start: readonly [number, number, number];
}

// Newest first. Meiji is counted from 1 January 1868, as the era was proclaimed retroactively.
const ERAS: readonly Era[] = [
  { ja: '令和', en: 'Reiwa', start: [2019, 5, 1] },
  { ja: '平成', en: 'Heisei', start: [1989, 1, 8] },
  { ja: '昭和', en: 'Showa', start: [1926, 12, 25] },
  { ja: '大正', en: 'Taisho', start: [1912, 7, 30] },
  { ja: '明治', en: 'Meiji', start: [1868, 1, 1] },
];

const yearText = (era: Era, year: number) => {
  const n = year - era.start[0] + 1;
  return `${era.ja}${n === 1 ? '元' : n}年`;
};

/**
 * The Japanese name of a whole year: the era that began in or before it. A year in which an
 * era began takes the new era's name — 2019 is 令和元年, so FY2019 is 令和元年度, as the city prints it.
 */
export function japaneseYear(year: number): string {
  assertYear(year);
  const era = ERAS.find((e) => e.start[0] <= year);
  return era ? yearText(era, year) : `${year}年`;
}

/** Labels of a year: 令和3年度 / FY2021 for a fiscal year, 平成30年 / 2018 for a calendar year. */
export function fiscalYearLabel(year: number, basis: 'fiscal' | 'calendar' = 'fiscal'): { ja: string; en: string } {
  return basis === 'fiscal' ? { ja: `${japaneseYear(year)}度`, en: `FY${year}` } : { ja: japaneseYear(year), en: String(year) };
}

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date as the city writes it in letters: 令和6年6月30日（日）. The era is the one in force on that day. */
export function formatDateJa(date: Date): string {
  const d = tokyoDate(date);
  const era = ERAS.find((e) => compareDays([d.year, d.month, d.day], e.start) >= 0);
  const year = era ? yearText(era, d.year) : `${d.year}年`;
  return `${year}${d.month}月${d.day}日（${WEEKDAYS_JA[d.weekday]}）`;
}

/** A date for English readers: Sun 30 June 2024. */
export function formatDateEn(date: Date): string {
  const d = tokyoDate(date);
  return `${WEEKDAYS_EN[d.weekday]} ${d.day} ${MONTHS_EN[d.month - 1]} ${d.year}`;
}

/** Parses `YYYY-MM-DD` as that day in Tokyo (midnight +09:00). */
export function tokyoMidnight(isoDay: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  const date = match ? new Date(`${isoDay}T00:00:00+09:00`) : new Date(Number.NaN);
  if (!match || isoDateInTokyoSafe(date) !== isoDay) throw new RangeError(`not a calendar date: ${isoDay}`);
  return date;
}

function isoDateInTokyoSafe(date: Date): string | undefined {
  return Number.isFinite(date.getTime()) ? isoDateInTokyo(date) : undefined;
}

function compareDays(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function assertYear(year: number) {
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
}
