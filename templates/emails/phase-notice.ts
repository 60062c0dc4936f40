import { translator } from '../../services/i18n/translate.ts';
import type { EmailContent, EmailLocale } from './content.ts';
import { signatureOf } from './content.ts';
import { greetDepartment, measureLabel, yearLabel } from './format.ts';

export interface PhaseNoticeProps {
  phase: 'orient' | 'decide';
  departmentName: string;
  fiscalYear: number;
  measureNumber: number;
  measureTitle: string;
  /** KPIs of the department that are at risk or off track (Orient). */
  kpisBehind: { name: string; status: string; reason: string }[];
  cycleUrl: string;
}

/** A cycle entered Orient (explain the KPIs behind) or Decide (propose revisions). */
export function phaseNoticeEmail(p: PhaseNoticeProps, locale: EmailLocale): EmailContent {
  const t = translator(locale);
  const words = { measure: measureLabel(p.measureNumber, p.measureTitle, locale), year: yearLabel(p.fiscalYear, locale) };
  const common = { greeting: greetDepartment(p.departmentName, locale), closing: signatureOf(locale).closing };
  if (p.phase === 'orient') {
    return {
      ...common,
      subject: t('emails.phaseNotice.orientSubject', words),
      paragraphs: [t('emails.phaseNotice.orientLead', words)],
      items: p.kpisBehind.map((k) => ({ label: t('emails.phaseNotice.kpi', { name: k.name, status: k.status }), detail: k.reason })),
      action: { label: t('emails.phaseNotice.orientAction'), href: p.cycleUrl },
    };
  }
  return {
    ...common,
    subject: t('emails.phaseNotice.decideSubject', words),
    paragraphs: [t('emails.phaseNotice.decideLead', words)],
    action: { label: t('emails.phaseNotice.decideAction'), href: p.cycleUrl },
  };
}
