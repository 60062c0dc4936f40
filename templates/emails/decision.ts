import { formatters } from '../../services/i18n/format.ts';
import { translator } from '../../services/i18n/translate.ts';
import type { EmailContent, EmailLocale } from './content.ts';
import { signatureOf } from './content.ts';
import { dayLabel, greetDepartment, greetPerson, yearLabel } from './format.ts';

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
  const t = translator(locale);
  return {
    subject: t('emails.decision.subject', { marker: p.markerLabel, subject: p.subjectName }),
    greeting: p.recipient.kind === 'department' ? greetDepartment(p.recipient.name, locale) : greetPerson(p.recipient.name, locale),
    paragraphs: [
      t('emails.decision.lead', { year: yearLabel(p.fiscalYear, locale) }),
      t('emails.decision.kind', { marker: p.markerLabel }),
      ...(p.rationale ? [t('emails.decision.rationale', { rationale: p.rationale })] : []),
      ...(p.decidedBy ? [t('emails.decision.decidedBy', { name: p.decidedBy })] : []),
    ],
    items: p.changes.map((c) => ({ label: c.label, detail: c.text })),
    action: { label: t('emails.decision.action'), href: p.logUrl },
    closing: signatureOf(locale).closing,
  };
}

export interface ActionItemProps {
  departmentName: string;
  measureNumber: number;
  measureTitle: string;
  text: string;
  dueDate: string | null;
  url: string;
}

/** Act: a follow-up item for a department. */
export function actionItemEmail(p: ActionItemProps, locale: EmailLocale): EmailContent {
  const t = translator(locale);
  return {
    subject: t('emails.actionItem.subject', { measure: formatters(locale).measure(p.measureNumber) }),
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [t('emails.actionItem.lead', { title: p.measureTitle }), p.text, ...(p.dueDate ? [t('emails.actionItem.due', { due: dayLabel(p.dueDate, locale) })] : [])],
    action: { label: t('emails.actionItem.action'), href: p.url },
    closing: signatureOf(locale).closing,
  };
}
