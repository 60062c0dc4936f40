/** The plan workbook's own problems, in the uploader's language (the plan file's come worded by its validator). */
import { MAX_WORKBOOK_BYTES } from './limits.ts';

const list = (words: string[]) => words.map((x) => `「${x}」`).join('');

export const WORKBOOK_WORDS = {
  ja: {
    noFile: '計画のExcelファイル（.xlsx）を選んでください',
    tooLarge: `ファイルが大きすぎます（${MAX_WORKBOOK_BYTES / 1024 / 1024} MB まで）`,
    notExcel: 'Excel ファイル（.xlsx）として読めません。「Excelで出力」で出力した様式に入力してください',
    noSheet: (name: string) => `シート「${name}」がありません。「Excelで出力」で出力した様式に入力してください`,
    notNumber: (shown: string) => `数値を入力してください（「${shown}」は数値として読めません）`,
    notYear: (shown: string) => `年度を西暦の数字で入力してください（例: 2024）。「${shown}」は年度として読めません`,
    noYear: '年度を入力してください',
    noValue: '値を入力してください（年度だけが入力されています）',
    notWhole: '整数で入力してください',
    noUnit: '単位がありません（単位のない指標は「なし」と入力してください）',
    needsGoal: '数値目標には基本目標の番号を入力してください',
    needsProject: 'ＫＰＩには事業コードを入力してください',
    oneOf: (words: string[]) => `${list(words)}のいずれかを入力してください`,
    blank: '空欄',
    error: 'エラー',
    unknown: (thing: string, value: string, sheet: string) => `${thing}「${value}」は「${sheet}」シートにありません`,
    things: { goal: '基本目標', direction: '基本的方向', measure: '施策番号', project: '事業コード', kpi: 'ＫＰＩコード' },
    otherOrganization: (name: string) => `この団体（${name}）の計画ではありません。団体コードを確認してください`,
    planCodeTaken: 'この計画コードの計画は既にあります。別の計画コードにしてください',
    departmentClash: (name: string) => `この課コードは既に「${name}」として登録されています`,
  },
  en: {
    noFile: 'choose the plan workbook (.xlsx)',
    tooLarge: `the file is too large (at most ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB)`,
    notExcel: 'cannot be read as an Excel workbook (.xlsx); fill in the workbook “Excelで出力” gives',
    noSheet: (name: string) => `the workbook has no sheet “${name}”; fill in the workbook “Excelで出力” gives`,
    notNumber: (shown: string) => `enter a number (“${shown}” cannot be read as one)`,
    notYear: (shown: string) => `enter the year as a four-digit number, e.g. 2024 (“${shown}” cannot be read as a year)`,
    noYear: 'enter the year',
    noValue: 'enter the figure (only its year is given)',
    notWhole: 'enter a whole number',
    noUnit: 'the unit is missing (write “なし” for a figure without a unit)',
    needsGoal: 'a numeric target needs the number of its basic goal',
    needsProject: 'a KPI needs the code of its project',
    oneOf: (words: string[]) => `enter one of ${list(words)}`,
    blank: 'blank',
    error: 'an error',
    unknown: (thing: string, value: string, sheet: string) => `${thing} “${value}” is not on the sheet “${sheet}”`,
    things: { goal: 'basic goal', direction: 'direction', measure: 'measure number', project: 'project code', kpi: 'KPI code' },
    otherOrganization: (name: string) => `this is not a plan of your organization (${name}); check the organization code`,
    planCodeTaken: 'a plan with this code already exists; choose another plan code',
    departmentClash: (name: string) => `this department code is already registered as “${name}”`,
  },
};
export type WorkbookWords = (typeof WORKBOOK_WORDS)['ja'];
