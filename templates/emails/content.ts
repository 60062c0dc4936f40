/**
 * An email as data: the one source both the HTML and the plain-text versions are rendered
 * from (render.ts). Each template in this folder is a function from typed props to this.
 */
import { translator } from '../../services/i18n/translate.ts';

export type EmailLocale = 'ja' | 'en';

export interface EmailItem {
  /** The line itself, e.g. 「施策① 若者の市内就職の促進 ／ 合同就職説明会事業」. */
  label: string;
  /** A second line, e.g. the status or a date. */
  detail?: string;
  /** A link straight to the task or page. */
  href?: string;
}

export interface EmailContent {
  subject: string;
  /** e.g. 「工業・雇用振興課 ご担当者様」 */
  greeting: string;
  paragraphs: string[];
  items?: EmailItem[];
  /** A prominent link, e.g. to the task list. */
  action?: { label: string; href: string };
  closing: string[];
}

/** The sender's line and signature, in the city's business style (the catalogue's `emails` block). */
export function signatureOf(locale: EmailLocale): { intro: string; closing: string[]; footer: string } {
  const t = translator(locale);
  return { intro: t('emails.intro'), closing: [t('emails.closingQuestions'), t('emails.closingThanks')], footer: t('emails.footer') };
}
