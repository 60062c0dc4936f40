import { formatters } from '../../services/i18n/format.ts';
import { translator } from '../../services/i18n/translate.ts';
import type { EmailContent, EmailLocale } from './content.ts';
import { signatureOf } from './content.ts';
import { dayLabel, greetPerson, taskItem, yearLabel, type TaskLine } from './format.ts';

export interface HeadEscalationProps {
  /** The head, or the deputy while the head has delegated. */
  recipientTitle: string;
  departmentName: string;
  fiscalYear: number;
  dueDate: string;
  daysOverdue: number;
  delegated: boolean;
  tasks: TaskLine[];
}

/** First escalation level: the department head learns its department's tasks are overdue. */
export function headEscalationEmail(p: HeadEscalationProps, locale: EmailLocale): EmailContent {
  const t = translator(locale);
  const words = { department: p.departmentName, year: yearLabel(p.fiscalYear, locale), days: p.daysOverdue, due: dayLabel(p.dueDate, locale) };
  return {
    subject: t('emails.headEscalation.subject', words),
    greeting: greetPerson(p.recipientTitle, locale),
    paragraphs: [t('emails.headEscalation.lead', words), ...(p.delegated ? [t('emails.headEscalation.delegated')] : [])],
    items: p.tasks.map((task) => taskItem(task, locale)),
    closing: signatureOf(locale).closing,
  };
}

export interface OfficeSummaryProps {
  recipientName: string;
  date: string;
  planName: string;
  overdue: { departmentName: string; daysOverdue: number; tasks: TaskLine[] }[];
  kpisBehind: { measureNumber: number; measureTitle: string; projectName: string; kpiName: string; status: string; reason: string; url: string }[];
  dashboardUrl: string;
}

/** The strategy office's one summary a day: tasks long overdue and KPIs found behind. */
export function officeSummaryEmail(p: OfficeSummaryProps, locale: EmailLocale): EmailContent {
  const t = translator(locale);
  const items = [
    ...p.overdue.map((d) => ({
      label: t('emails.officeSummary.overdue', { department: d.departmentName, n: d.tasks.length, days: d.daysOverdue }),
      detail: d.tasks.map((task) => task.projectName).join(t('emails.officeSummary.listSeparator')),
    })),
    ...p.kpisBehind.map((k) => ({
      label: t('emails.officeSummary.kpi', { measure: formatters(locale).measure(k.measureNumber), project: k.projectName, kpi: k.kpiName, status: k.status }),
      detail: k.reason,
      href: k.url,
    })),
  ];
  return {
    subject: t('emails.officeSummary.subject', { date: dayLabel(p.date, locale), departments: p.overdue.length, kpis: p.kpisBehind.length }),
    greeting: greetPerson(p.recipientName, locale),
    paragraphs: [t('emails.officeSummary.lead', { plan: p.planName })],
    items,
    action: { label: t('emails.officeSummary.action'), href: p.dashboardUrl },
    closing: [t('emails.officeSummary.closing')],
  };
}
