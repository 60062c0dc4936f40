/**
 * The task page's figures form as data: read from the posted fields (the same for 一時保存,
 * the confirmation screen and 送信), rebuilt from a saved draft, and its problems named by KPI
 * and field so the error summary at the top says which figure is wrong.
 */
import type { TaskDraft } from '../../reviews/draft-queries.ts';
import { translator } from '../../i18n/translate.ts';
import type { Locale } from '../../i18n/locale.ts';
import { field, numberInput, textInput, type FormBody, type FormErrors } from './forms.ts';
import type { TaskView } from './task-view.ts';

/** The form's fields of one KPI, after `values[i].`. */
export const VALUE_FIELDS = ['value', 'cancelled', 'cancelledReason', 'quality', 'note'] as const;

/** Problems of `values[i].x` stay on that field; any other (a missing KPI, say) goes to the top of the form. */
export const submissionField = (f: string) => (/^values\[\d+\]\.(value|cancelledReason|quality|note)$/.test(f) || f === 'comment' || f === 'evidenceUrl' ? f : null);

/**
 * The posted figures as the submission body. `requireReasons`: a ticked 中止 without a reason is
 * an error when sending, not when keeping a draft.
 */
export function readActuals(body: FormBody, view: TaskView, locale: Locale, requireReasons: boolean) {
  const t = translator(locale);
  const errors: FormErrors = { fields: {}, form: [] };
  const values = view.kpis.map((kpi) => {
    const at = `values[${kpi.index}]`;
    const cancelled = field(body, `${at}.cancelled`) === 'on';
    const reason = textInput(field(body, `${at}.cancelledReason`));
    if (requireReasons && cancelled && !reason) errors.fields[`${at}.cancelledReason`] = t('problems.cancelReasonRequired');
    return {
      kpiId: kpi.id,
      value: numberInput(field(body, `${at}.value`)),
      cancelledReason: cancelled ? (reason ?? null) : null,
      quality: field(body, `${at}.quality`) === 'provisional' ? ('provisional' as const) : ('final' as const),
      note: textInput(field(body, `${at}.note`)) ?? null,
    };
  });
  return { values, comment: textInput(field(body, 'comment')) ?? null, evidenceUrl: textInput(field(body, 'evidenceUrl')) ?? null, errors };
}

/** The draft's version the form was opened with; absent (first save) when the field is empty. */
export function draftVersionInput(body: FormBody): number | string | null {
  const raw = textInput(field(body, 'draftVersion'));
  if (raw === undefined) return null;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
}

/** A saved draft as the form's fields, so the page shows it as if just typed (a draft beats the last submission). */
export function draftAsInput(draft: TaskDraft, view: TaskView): FormBody {
  const input: FormBody = { comment: draft.comment ?? '', evidenceUrl: draft.evidenceUrl ?? '', draftVersion: String(draft.version) };
  for (const kpi of view.kpis) {
    const at = `values[${kpi.index}]`;
    const v = draft.values.find((x) => x.kpiId === kpi.id);
    input[`${at}.value`] = v && v.value !== undefined && v.value !== null ? String(v.value) : '';
    if (v?.cancelledReason) input[`${at}.cancelled`] = 'on';
    input[`${at}.cancelledReason`] = v?.cancelledReason ?? '';
    input[`${at}.quality`] = v?.quality ?? 'final';
    input[`${at}.note`] = v?.note ?? '';
  }
  return input;
}

/** The posted fields the confirmation screen carries on, unchanged, to 送信 or back to the form. */
export function carriedFields(body: FormBody, view: TaskView): [string, string][] {
  const names = [...view.kpis.flatMap((k) => VALUE_FIELDS.map((f) => `values[${k.index}].${f}`)), 'comment', 'evidenceUrl', 'draftVersion'];
  return names.flatMap((name): [string, string][] => {
    const v = field(body, name);
    return v === undefined ? [] : [[name, v]];
  });
}

/** Each figure's problem says which KPI and which field: 「婚姻率」の実績値：数値で入力してください. */
export function nameKpiProblems(errors: FormErrors, view: TaskView, locale: Locale): FormErrors {
  const t = translator(locale);
  for (const [name, message] of Object.entries(errors.fields)) {
    const m = /^values\[(\d+)\]\.(value|cancelledReason|quality|note)$/.exec(name);
    const kpi = m && view.kpis[Number(m[1])];
    if (!kpi || message.includes(kpi.name)) continue;
    const label = { value: t('task.fieldValue'), cancelledReason: t('task.cancelReason'), quality: t('task.quality'), note: t('task.note') }[m[2] as 'value'];
    errors.fields[name] = t('task.fieldProblem', { kpi: kpi.name, field: label, message });
  }
  return errors;
}
