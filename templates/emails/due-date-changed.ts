import { translator } from '../../services/i18n/translate.ts';
import type { EmailContent, EmailLocale } from './content.ts';
import { signatureOf } from './content.ts';
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
  const t = translator(locale);
  const due = dayLabel(p.dueDate, locale);
  return {
    subject: t('emails.dueDateChanged.subject', { year: yearLabel(p.fiscalYear, locale), due }),
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [
      t('emails.dueDateChanged.lead', { n: p.tasks.length }),
      t('emails.dueDateChanged.dates', { due, before: dayLabel(p.previousDueDate, locale) }),
      t('emails.dueDateChanged.reason', { reason: p.reason }),
    ],
    items: p.tasks.map((task) => taskItem(task, locale)),
    action: { label: t('emails.reminder.action'), href: p.tasksUrl },
    closing: signatureOf(locale).closing,
  };
}
