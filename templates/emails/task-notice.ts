import { translator } from '../../services/i18n/translate.ts';
import type { EmailContent, EmailLocale } from './content.ts';
import { signatureOf } from './content.ts';
import { dayLabel, greetDepartment, taskItem, yearLabel, type TaskLine } from './format.ts';

export interface TaskNoticeProps {
  kind: 'returned' | 'reopened';
  departmentName: string;
  fiscalYear: number;
  task: TaskLine;
  dueDate: string;
  comment: string | null;
}

/** The strategy office returned a submission for correction, or reopened a task for a late one. */
export function taskNoticeEmail(p: TaskNoticeProps, locale: EmailLocale): EmailContent {
  const t = translator(locale);
  const year = yearLabel(p.fiscalYear, locale);
  const returned = p.kind === 'returned';
  return {
    subject: returned ? t('emails.taskNotice.subjectReturned', { year, project: p.task.projectName }) : t('emails.taskNotice.subjectReopened', { year, project: p.task.projectName }),
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [
      returned ? t('emails.taskNotice.leadReturned', { year }) : t('emails.taskNotice.leadReopened', { year }),
      ...(p.comment ? [t('emails.taskNotice.reason', { reason: p.comment })] : []),
      t('emails.taskNotice.due', { due: dayLabel(p.dueDate, locale) }),
    ],
    items: [taskItem(p.task, locale)],
    closing: signatureOf(locale).closing,
  };
}
