import type { EmailContent, EmailLocale } from './content.ts';
import { SIGNATURE } from './content.ts';
import { formatters } from '../../services/i18n/format.ts';
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
  const ja = locale === 'ja';
  const year = yearLabel(p.fiscalYear, locale);
  return {
    subject: ja
      ? `【総合戦略・要対応】${p.departmentName}の${year}実績が提出期限を${p.daysOverdue}日過ぎています`
      : `[Strategy] Action needed: ${p.departmentName}'s ${year} actuals are ${p.daysOverdue} days overdue`,
    greeting: greetPerson(p.recipientTitle, locale),
    paragraphs: [
      ja
        ? `${p.departmentName}の${year}実績について、提出期限（${dayLabel(p.dueDate, locale)}）を${p.daysOverdue}日過ぎても未提出の調査票がございます。課内でのご確認をお願いいたします。`
        : `${p.departmentName} still has tasks open ${p.daysOverdue} days after the ${year} actuals were due (${dayLabel(p.dueDate, locale)}). Please follow up in your division.`,
      ...(p.delegated ? [ja ? '（課長不在のため、代理の方にお送りしています）' : '(Sent to you as the deputy while the head is away.)'] : []),
    ],
    items: p.tasks.map((t) => taskItem(t, locale)),
    closing: SIGNATURE[locale].closing,
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
  const ja = locale === 'ja';
  const items = [
    ...p.overdue.map((d) => ({
      label: ja ? `${d.departmentName}：未提出 ${d.tasks.length}件（期限から${d.daysOverdue}日経過）` : `${d.departmentName}: ${d.tasks.length} task(s) open, ${d.daysOverdue} days overdue`,
      detail: d.tasks.map((t) => t.projectName).join('、'),
    })),
    ...p.kpisBehind.map((k) => ({ label: `${formatters(locale).measure(k.measureNumber)} ${k.projectName}：${k.kpiName}（${k.status}）`, detail: k.reason, href: k.url })),
  ];
  return {
    subject: ja
      ? `【総合戦略・日次報告】${dayLabel(p.date, locale)} 期限超過 ${p.overdue.length}課・遅れのＫＰＩ ${p.kpisBehind.length}件`
      : `[Strategy] Daily summary ${dayLabel(p.date, locale)}: ${p.overdue.length} division(s) overdue, ${p.kpisBehind.length} KPI(s) behind`,
    greeting: greetPerson(p.recipientName, locale),
    paragraphs: [
      ja
        ? `${p.planName}の本日の状況をお知らせします。提出期限を大きく過ぎた課と、状況判断で要注意・遅れとなったＫＰＩは次のとおりです。`
        : `Today's state of the ${p.planName}: divisions long past the due date, and KPIs found at risk or off track.`,
    ],
    items,
    action: { label: ja ? 'ダッシュボードを開く' : 'Open the dashboard', href: p.dashboardUrl },
    closing: [ja ? '以上、ご確認をお願いいたします。' : 'Thank you.'],
  };
}
