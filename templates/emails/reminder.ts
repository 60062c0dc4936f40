import { translator, type MessageKey } from '../../services/i18n/translate.ts';
import type { EmailContent, EmailLocale } from './content.ts';
import { signatureOf } from './content.ts';
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

const SUBJECT = { kickoff: 'emails.reminder.subjectKickoff', before: 'emails.reminder.subjectBefore', due: 'emails.reminder.subjectDue', overdue: 'emails.reminder.subjectOverdue' } as const;
const LEAD = { kickoff: 'emails.reminder.leadKickoff', before: 'emails.reminder.leadBefore', due: 'emails.reminder.leadDue', overdue: 'emails.reminder.leadOverdue' } as const;

export function reminderEmail(p: ReminderProps, locale: EmailLocale): EmailContent {
  const t = translator(locale);
  // Every step's texts take these words; a text that needs fewer leaves the rest unused.
  const words = { year: yearLabel(p.fiscalYear, locale), due: dayLabel(p.dueDate, locale), plan: p.planName, days: 'days' in p.step ? p.step.days : 0 };
  return {
    subject: t(SUBJECT[p.step.kind] as MessageKey, words),
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [t(LEAD[p.step.kind] as MessageKey, words), t('emails.reminder.list', { n: p.tasks.length })],
    items: p.tasks.map((task) => taskItem(task, locale)),
    action: { label: t('emails.reminder.action'), href: p.tasksUrl },
    closing: signatureOf(locale).closing,
  };
}

/** A stable name of the step, for reason keys and job ids. */
export function stepKey(step: ReminderStep): string {
  return step.kind === 'before' || step.kind === 'overdue' ? `${step.kind}-${step.days}` : step.kind;
}
