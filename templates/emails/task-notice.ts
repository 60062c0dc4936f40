import type { EmailContent, EmailLocale } from './content.ts';
import { SIGNATURE } from './content.ts';
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
  const ja = locale === 'ja';
  const year = yearLabel(p.fiscalYear, locale);
  const returned = p.kind === 'returned';
  return {
    subject: ja
      ? returned
        ? `【総合戦略】${year}実績の調査票を差し戻しました（${p.task.projectName}）`
        : `【総合戦略】${year}実績の調査票を再開しました（${p.task.projectName}）`
      : returned
        ? `[Strategy] Your ${year} submission was returned (${p.task.projectName})`
        : `[Strategy] A ${year} task was reopened for you (${p.task.projectName})`,
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [
      ja
        ? returned
          ? `ご提出いただいた${year}実績について、下記の理由により差し戻しました。内容をご確認のうえ、再度ご提出をお願いいたします。`
          : `下記の調査票を再開しました。${year}実績のご提出をお願いいたします。`
        : returned
          ? `Your ${year} submission was returned for the reason below. Please check it and submit again.`
          : `The task below was reopened. Please submit the ${year} actuals.`,
      ...(p.comment ? [ja ? `理由：${p.comment}` : `Reason: ${p.comment}`] : []),
      ja ? `提出期限：${dayLabel(p.dueDate, locale)}` : `Due: ${dayLabel(p.dueDate, locale)}`,
    ],
    items: [taskItem(p.task, locale)],
    closing: SIGNATURE[locale].closing,
  };
}
