import type { EmailContent, EmailLocale } from './content.ts';
import { SIGNATURE } from './content.ts';
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
  const ja = locale === 'ja';
  const measure = measureLabel(p.measureNumber, p.measureTitle, locale);
  const year = yearLabel(p.fiscalYear, locale);
  if (p.phase === 'orient') {
    return {
      subject: ja ? `【総合戦略】${measure}：${year}の状況判断（原因・改善策のご記入のお願い）` : `[Strategy] ${measure}: ${year} review — please explain the KPIs behind`,
      greeting: greetDepartment(p.departmentName, locale),
      paragraphs: [
        ja
          ? `${measure}の${year}実績の集計が終わり、状況判断（Orient）に入りました。下記のＫＰＩは目標に対して遅れが見込まれるため、原因と改善策のご記入をお願いいたします。`
          : `The ${year} actuals of ${measure} are in and the review has moved to Orient. The KPIs below are behind their targets: please give the cause and the improvement for each.`,
      ],
      items: p.kpisBehind.map((k) => ({ label: `${k.name}（${k.status}）`, detail: k.reason })),
      action: { label: ja ? '記入する' : 'Explain now', href: p.cycleUrl },
      closing: SIGNATURE[locale].closing,
    };
  }
  return {
    subject: ja ? `【総合戦略】${measure}：${year}の見直し案の受付を開始しました` : `[Strategy] ${measure}: proposals for the ${year} review are open`,
    greeting: greetDepartment(p.departmentName, locale),
    paragraphs: [
      ja
        ? `${measure}の効果検証が終わり、意思決定（Decide）に入りました。ＫＰＩ・目標値・事業内容の見直しが必要な場合は、見直し案をご提出ください。`
        : `The assessment of ${measure} is done and the review has moved to Decide. If a KPI, a target or a project should change, please propose the revision.`,
    ],
    action: { label: ja ? '見直し案を提出する' : 'Propose a revision', href: p.cycleUrl },
    closing: SIGNATURE[locale].closing,
  };
}
