import { fiscalYearLabel, formatDateEn, formatDateJa, tokyoMidnight } from '../../services/fiscal-year.ts';
import { formatters } from '../../services/i18n/format.ts';
import type { EmailLocale } from './content.ts';

/** 施策① 若者の市内就職の促進 / Measure 1: … — the measure named as the pages name it. */
export function measureLabel(number: number, title: string, locale: EmailLocale): string {
  const measure = formatters(locale).measure(number);
  return locale === 'ja' ? `${measure} ${title}` : `${measure}: ${title}`;
}

/** A due date as 令和5年6月30日（金） or Fri 30 June 2023. */
export function dayLabel(isoDay: string, locale: EmailLocale): string {
  const date = tokyoMidnight(isoDay);
  return locale === 'ja' ? formatDateJa(date) : formatDateEn(date);
}

export const yearLabel = (fiscalYear: number, locale: EmailLocale) => fiscalYearLabel(fiscalYear)[locale];

/** The department greeting of a business letter. */
export const greetDepartment = (name: string, locale: EmailLocale) => (locale === 'ja' ? `${name} ご担当者様` : `Dear ${name},`);
export const greetPerson = (name: string, locale: EmailLocale) => (locale === 'ja' ? `${name} 様` : `Dear ${name},`);

export interface TaskLine {
  measureNumber: number;
  measureTitle: string;
  projectName: string;
  status: string;
  url: string;
}

const STATUS: Record<string, { ja: string; en: string }> = {
  open: { ja: '未提出', en: 'not submitted' },
  returned: { ja: '差戻し中', en: 'returned for correction' },
  submitted: { ja: '提出済み', en: 'submitted' },
};

export function taskItem(task: TaskLine, locale: EmailLocale) {
  return {
    label: `${measureLabel(task.measureNumber, task.measureTitle, locale)} ／ ${task.projectName}`,
    detail: STATUS[task.status]?.[locale] ?? task.status,
    href: task.url,
  };
}
