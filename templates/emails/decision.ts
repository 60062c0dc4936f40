import type { EmailContent, EmailLocale } from './content.ts';
import { SIGNATURE } from './content.ts';
import { formatters } from '../../services/i18n/format.ts';
import { greetDepartment, greetPerson, yearLabel } from './format.ts';

export interface DecisionProps {
  /** A department (its mailbox) or a subscriber. */
  recipient: { kind: 'department' | 'person'; name: string };
  markerLabel: string;
  fiscalYear: number;
  subjectName: string;
  rationale: string | null;
  /** Each changed field in words: 「目標値」, 「100件 → 120件」. */
  changes: { label: string; text: string }[];
  decidedBy: string | null;
  logUrl: string;
}

/** A revision was decided and applied: the affected departments and subscribers are told once. */
export function decisionEmail(p: DecisionProps, locale: EmailLocale): EmailContent {
  const ja = locale === 'ja';
  return {
    subject: ja ? `【総合戦略・決定】${p.markerLabel}：${p.subjectName}` : `[Strategy] Decided — ${p.markerLabel}: ${p.subjectName}`,
    greeting: p.recipient.kind === 'department' ? greetDepartment(p.recipient.name, locale) : greetPerson(p.recipient.name, locale),
    paragraphs: [
      ja
        ? `${yearLabel(p.fiscalYear, locale)}の効果検証に基づき、次の見直しが決定され、総合戦略に反映されました。`
        : `Following the ${yearLabel(p.fiscalYear, locale)} review, this revision was decided and applied to the strategy.`,
      ja ? `区分：${p.markerLabel}` : `Kind: ${p.markerLabel}`,
      ...(p.rationale ? [ja ? `理由：${p.rationale}` : `Rationale: ${p.rationale}`] : []),
      ...(p.decidedBy ? [ja ? `決定者：${p.decidedBy}` : `Decided by: ${p.decidedBy}`] : []),
    ],
    items: p.changes.map((c) => ({ label: c.label, detail: c.text })),
    action: { label: ja ? '決定記録を開く' : 'Open the decision log', href: p.logUrl },
    closing: SIGNATURE[locale].closing,
  };
}

export interface ActionItemProps {
  departmentName: string;
  measureNumber: number;
  measureTitle: string;
  text: string;
  dueDate: string | null;
  dueLabel: string | null;
  url: string;
}

/** Act: a follow-up item for a department. */
export function actionItemEmail(p: ActionItemProps, locale: EmailLocale): EmailContent {
  const ja = locale === 'ja';
  return {
    subject: ja ? `【総合戦略】フォローアップのお願い（${formatters(locale).measure(p.measureNumber)}）` : `[Strategy] A follow-up for you (${formatters(locale).measure(p.measureNumber)})`,
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [
      ja ? `「${p.measureTitle}」の効果検証を踏まえ、次の対応をお願いいたします。` : `Following the review of "${p.measureTitle}", please take this action:`,
      p.text,
      ...(p.dueLabel ? [ja ? `期限：${p.dueLabel}` : `Due: ${p.dueLabel}`] : []),
    ],
    action: { label: ja ? '対応状況を記録する' : 'Record progress', href: p.url },
    closing: SIGNATURE[locale].closing,
  };
}
