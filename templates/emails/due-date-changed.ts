import type { EmailContent, EmailLocale } from './content.ts';
import { SIGNATURE } from './content.ts';
import { dayLabel, greetDepartment, taskItem, yearLabel, type TaskLine } from './format.ts';

export interface DueDateChangedProps {
  departmentName: string;
  fiscalYear: number;
  previousDueDate: string;
  dueDate: string;
  reason: string;
  tasks: TaskLine[];
  tasksUrl: string;
}

/** The strategy office moved the due date of a department's tasks: the new date and why. */
export function dueDateChangedEmail(p: DueDateChangedProps, locale: EmailLocale): EmailContent {
  const ja = locale === 'ja';
  const year = yearLabel(p.fiscalYear, locale);
  const due = dayLabel(p.dueDate, locale);
  const before = dayLabel(p.previousDueDate, locale);
  return {
    subject: ja ? `【総合戦略】${year}実績の提出期限を${due}に変更しました` : `[Strategy] The ${year} actuals are now due on ${due}`,
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [
      ja ? `下記の調査票（${p.tasks.length}件）の提出期限を変更しました。` : `The due date of the following ${p.tasks.length} task(s) has changed.`,
      ja ? `新しい提出期限：${due}（変更前：${before}）` : `New due date: ${due} (was ${before})`,
      ja ? `変更の理由：${p.reason}` : `Reason: ${p.reason}`,
    ],
    items: p.tasks.map((t) => taskItem(t, locale)),
    action: { label: ja ? '調査票の一覧を開く' : 'Open my tasks', href: p.tasksUrl },
    closing: SIGNATURE[locale].closing,
  };
}
