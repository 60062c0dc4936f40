/**
 * Some services name a field's problem in English only. The pages show these next to the
 * field in the reader's language; anything not listed is shown as the service wrote it.
 */
import { RANGE_MESSAGES } from '../plans/units.ts';
import type { Locale } from './locale.ts';

const JA: [RegExp, (m: RegExpExecArray) => string][] = [
  // The plan file's range rules (services/plans/units.ts), as the plan editor reports them.
  ...Object.values(RANGE_MESSAGES).map(({ en, ja }): [RegExp, () => string] => [new RegExp(`^${en.replace(/[()]/g, '\\$&')}$`), () => ja]),
  [/^(?:goal|measure) number (\d+) is already used$/, (m) => `番号 ${m[1]} はすでに使われています`],
  [/^lists a department twice \(the lead included\)$/, () => '同じ課が重複しています（主担当課を含みます）'],
  [/^needs a target for at least one year$/, () => '少なくとも一つの年度に目標値を入力してください'],
  [/^changes no target$/, () => '目標値が変わっていません'],
  [/^changes no department$/, () => '担当課が変わっていません'],
  [/^changes neither the name nor the note$/, () => '名称も備考も変わっていません'],
  [/^changes neither the title nor the summary$/, () => '施策名も概要も変わっていません'],
  [/^must not be before periodStartFiscalYear$/, () => '初年度より前の年度は指定できません'],
  [/^must be at least 12 characters long$/, () => '12文字以上で入力してください'],
  [/^must be at most (\d+) characters long$/, (m) => `${m[1]}文字以内で入力してください`],
  [/^must be at most (\d+)$/, (m) => `${m[1]}以下の数を入力してください`],
  [/^is required for a department member$/, () => '担当課職員には所属課の指定が必要です'],
  [/^is not a department of this organization$/, () => 'この組織の課ではありません'],
  [/^is not a project of this measure$/, () => 'この施策の事業ではありません'],
  [/^is not a known field \(check the spelling\)$/, () => 'この項目は受け付けられません（綴りを確認してください）'],
  [/^is not correct$/, () => '正しくありません'],
  [/^is required: review the free texts first$/, () => '公開する前に、各課が記入した文章を確認してください'],
  [/^must differ from the current password$/, () => '現在のパスワードとは別のものにしてください'],
  [/^is on a list of commonly used passwords$/, () => 'よく使われているパスワードの一覧に含まれているため使えません。別のパスワードにしてください'],
  [/^must not be empty$/, () => '入力してください'],
  [/^must be a month and day, MM-DD$/, () => '月-日（MM-DD）の形式で入力してください'],
  [/^must come after collectionOpens$/, () => '実績収集の開始日より後の日付にしてください'],
  [/^must be a time, HH:MM$/, () => '時刻（時:分）の形式で入力してください'],
  [/^must not be earlier than escalateToHeadAfterDays$/, () => '課長へ報告するまでの日数以上にしてください'],
  [/^must be a date \(YYYY-MM-DD\)$/, () => '日付（YYYY-MM-DD）の形式で入力してください'],
  [/^must be a day of (\d+)$/, (m) => `${m[1]}年の日付を入力してください`],
  [/^must be within the plan period (\d+)–(\d+)$/, (m) => `計画期間（${m[1]}年度～${m[2]}年度）内の年度を指定してください`],
  [/^no measure numbered (.+) in this plan$/, (m) => `この計画に施策 ${m[1]} はありません`],
  [/^must not be in the past \(today is [\d-]+\)$/, () => '今日より前の日付は指定できません'],
  [/^must be later than the current due date [\d-]+$/, () => '現在の提出期限より後の日付にしてください'],
  [/^has no task waiting for it in this fiscal year$/, () => 'この年度に提出を待っている調査票がありません'],
  [/^is not a valid email address$/, () => 'メールアドレスの形式が正しくありません'],
  [/^must be after the plan's period \(it ends in FY(\d+)\)$/, (m) => `前の計画の期間（${m[1]}年度まで）より後の年度を指定してください`],
  [/^must not be before the first year$/, () => '最初の年度以降の年度を指定してください'],
  [/^is not a measure, project or KPI of this plan$/, () => 'この計画の施策・事業・指標ではありません'],
  [/^is chosen twice$/, () => '同じ項目が二度選ばれています'],
  [/^cannot continue: its measure is not continued$/, () => '継続するには、この事業の施策も「継続」にしてください'],
  [/^cannot continue: its project is not continued$/, () => '継続するには、この指標の事業も「継続」にしてください'],
  [/^is required while the head has delegated$/, () => '課長が代理者に委任している間は、代理者のアドレスが必要です'],
];

export function translateProblem(message: string, locale: Locale): string {
  if (locale !== 'ja') return message;
  for (const [pattern, render] of JA) {
    const match = pattern.exec(message);
    if (match) return render(match);
  }
  return message;
}
