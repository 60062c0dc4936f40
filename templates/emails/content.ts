/**
 * An email as data: the one source both the HTML and the plain-text versions are rendered
 * from (render.ts). Each template in this folder is a function from typed props to this.
 */
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

/** The sender's line and signature, in the city's business style. */
export const SIGNATURE: Record<EmailLocale, { intro: string; closing: string[]; footer: string }> = {
  ja: {
    intro: 'いつもお世話になっております。政策推進課（総合戦略担当）です。',
    closing: ['ご不明な点がございましたら、政策推進課までお問い合わせください。', 'どうぞよろしくお願いいたします。'],
    footer: '総合戦略推進システム（このメールは自動送信です。返信いただいても届きません）',
  },
  en: {
    intro: 'This is the Policy Promotion Division (comprehensive strategy office).',
    closing: ['If anything is unclear, please contact the Policy Promotion Division.', 'Thank you for your cooperation.'],
    footer: 'Comprehensive Strategy System (this message was sent automatically; replies are not read)',
  },
};
