import type { EmailContent, EmailLocale } from './content.ts';
import { SIGNATURE } from './content.ts';
import { dayLabel, greetDepartment, taskItem, yearLabel, type TaskLine } from './format.ts';

/** Which reminder of the season: the kick-off, N days before, on the day, or N days overdue. */
export type ReminderStep = { kind: 'kickoff' } | { kind: 'before'; days: number } | { kind: 'due' } | { kind: 'overdue'; days: number };

export interface ReminderProps {
  departmentName: string;
  planName: string;
  fiscalYear: number;
  dueDate: string;
  step: ReminderStep;
  tasks: TaskLine[];
  tasksUrl: string;
}

export function reminderEmail(p: ReminderProps, locale: EmailLocale): EmailContent {
  const year = yearLabel(p.fiscalYear, locale);
  const due = dayLabel(p.dueDate, locale);
  const ja = locale === 'ja';
  const subject = ja
    ? {
        kickoff: `【総合戦略】${year}実績の提出のお願い（${due}締切）`,
        before: `【総合戦略】${year}実績の提出期限まであと${'days' in p.step ? p.step.days : 0}日です（${due}締切）`,
        due: `【総合戦略】本日が${year}実績の提出期限です（${due}）`,
        overdue: `【総合戦略・督促】${year}実績の提出期限を${'days' in p.step ? p.step.days : 0}日過ぎています`,
      }[p.step.kind]
    : {
        kickoff: `[Strategy] Please submit the ${year} actuals (due ${due})`,
        before: `[Strategy] ${'days' in p.step ? p.step.days : 0} days until the ${year} actuals are due (${due})`,
        due: `[Strategy] The ${year} actuals are due today (${due})`,
        overdue: `[Strategy] Overdue: the ${year} actuals were due ${'days' in p.step ? p.step.days : 0} days ago`,
      }[p.step.kind];
  const lead = ja
    ? {
        kickoff: `${p.planName}の効果検証のため、${year}の実績値のご提出をお願いいたします。提出期限は${due}です。`,
        before: `${p.planName}の${year}実績の提出期限（${due}）が近づいております。`,
        due: `本日${due}は、${p.planName}の${year}実績の提出期限です。`,
        overdue: `${p.planName}の${year}実績の提出期限（${due}）を過ぎておりますが、まだご提出いただいていない調査票がございます。`,
      }[p.step.kind]
    : {
        kickoff: `For the yearly review of the ${p.planName}, please submit the actuals for ${year} by ${due}.`,
        before: `The ${year} actuals of the ${p.planName} are due on ${due}.`,
        due: `Today, ${due}, the ${year} actuals of the ${p.planName} are due.`,
        overdue: `The ${year} actuals of the ${p.planName} were due on ${due}, and some tasks are still open.`,
      }[p.step.kind];
  return {
    subject,
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [lead, ja ? `下記の調査票（${p.tasks.length}件）について、ご対応をお願いいたします。` : `Please complete the following ${p.tasks.length} task(s):`],
    items: p.tasks.map((t) => taskItem(t, locale)),
    action: { label: ja ? '調査票の一覧を開く' : 'Open my tasks', href: p.tasksUrl },
    closing: SIGNATURE[locale].closing,
  };
}

/** A stable name of the step, for reason keys and job ids. */
export function stepKey(step: ReminderStep): string {
  return step.kind === 'before' || step.kind === 'overdue' ? `${step.kind}-${step.days}` : step.kind;
}
