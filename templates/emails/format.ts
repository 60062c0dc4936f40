import { fiscalYearLabel, formatDateEn, formatDateJa, tokyoMidnight } from '../../services/fiscal-year.ts';
import { formatters } from '../../services/i18n/format.ts';
import { translator, type MessageKey } from '../../services/i18n/translate.ts';
import type { EmailLocale } from './content.ts';

/** 施策① 若者の市内就職の促進 / Measure 1: … — the measure named as the pages name it. */
export function measureLabel(number: number, title: string, locale: EmailLocale): string {
  return translator(locale)('emails.measure', { measure: formatters(locale).measure(number), title });
}

/** A due date as 令和5年6月30日（金） or Fri 30 June 2023. */
export function dayLabel(isoDay: string, locale: EmailLocale): string {
  const date = tokyoMidnight(isoDay);
  return locale === 'ja' ? formatDateJa(date) : formatDateEn(date);
}

export const yearLabel = (fiscalYear: number, locale: EmailLocale) => fiscalYearLabel(fiscalYear)[locale];

/** The department greeting of a business letter. */
export const greetDepartment = (name: string, locale: EmailLocale) => translator(locale)('emails.greetDepartment', { name });
export const greetPerson = (name: string, locale: EmailLocale) => translator(locale)('emails.greetPerson', { name });

export interface TaskLine {
  measureNumber: number;
  measureTitle: string;
  projectName: string;
  status: string;
  url: string;
}

/** A task as a line of a list: where it is, and its status in the pages' words. */
export function taskItem(task: TaskLine, locale: EmailLocale) {
  const t = translator(locale);
  return {
    label: t('emails.taskLine', { measure: measureLabel(task.measureNumber, task.measureTitle, locale), project: task.projectName }),
    detail: t(`taskStatuses.${task.status}` as MessageKey),
    href: task.url,
  };
}
