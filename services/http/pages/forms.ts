/**
 * Form input, checked the way the API checks JSON: a TypeBox schema run by Ajv, its errors
 * described by services/validation-messages.ts in the page's language, then the service's own
 * field problems. Each message is keyed by the form field it belongs to, so the page can show
 * it next to that field with the user's input kept.
 */
import type { TSchema } from 'typebox';
import { problemAt, ServiceError, type FieldProblem } from '../../errors.ts';
import type { Locale } from '../../i18n/locale.ts';
import { say, translator } from '../../i18n/translate.ts';
import { inputValidator } from '../../input-check.ts';
import { describeAjvErrors } from '../../validation-messages.ts';

export interface FormErrors {
  /** By form field name (`body.` dropped): `values[0].value`, `email`. */
  fields: Record<string, string>;
  /** Problems that belong to no single field. */
  form: string[];
}

export const noErrors = (): FormErrors => ({ fields: {}, form: [] });
export const hasErrors = (e: FormErrors) => Object.keys(e.fields).length > 0 || e.form.length > 0;

/** Renames a problem's field (without `body.`) to the form's field name; null puts it at the top of the form. */
export type FieldRename = (field: string) => string | null;

export function checkForm<T>(schema: TSchema, data: unknown, locale: Locale, rename?: FieldRename): { ok: true; value: T } | { ok: false; errors: FormErrors } {
  // Strict and uncoerced like the API: the form's text was parsed explicitly (numberInput, textInput…).
  const validate = inputValidator(schema);
  if (validate(data)) return { ok: true, value: data as T };
  const problems = (validate.errors ?? []).map((e) => {
    const problem = describeAjvErrors([e], 'body')[0]!;
    // A person types a date or an address, not a "format": say which.
    const format = e.keyword === 'format' ? (e.params as { format?: string }).format : undefined;
    if (format === 'date') return problemAt(problem.field, { key: 'problems.invalidDate' });
    if (format === 'email') return problemAt(problem.field, { key: 'problems.invalidEmail' });
    return problem;
  });
  return { ok: false, errors: problemsToErrors(problems, locale, rename) };
}

export function problemsToErrors(problems: FieldProblem[], locale: Locale, rename: FieldRename = (f) => f, into: FormErrors = noErrors()): FormErrors {
  for (const p of problems) {
    const bare = p.field.replace(/^body\.?/, '');
    const field = bare ? rename(bare) : null;
    const message = say(p.words, locale);
    if (field === null) into.form.push(message);
    else into.fields[field] ??= message;
  }
  return into;
}

/**
 * A refused service call as form errors and the status to answer with; errors a form cannot
 * show (not found, not signed in, anything unexpected) are thrown on to the error handler.
 */
export function serviceFailure(error: unknown, locale: Locale, rename?: FieldRename): { status: number; errors: FormErrors; details?: Record<string, unknown> } {
  if (!(error instanceof ServiceError)) throw error;
  const t = translator(locale);
  const details = error.details ?? {};
  switch (error.code) {
    case 'BAD_REQUEST':
      if (details.problems?.length) return { status: 400, errors: problemsToErrors(details.problems, locale, rename) };
      return { status: 400, errors: { fields: {}, form: [error.words ? say(error.words, locale) : t('errors.badInput')] } };
    case 'CONFLICT':
      return { status: 409, errors: { fields: {}, form: [error.words ? say(error.words, locale) : t('errors.conflict')] }, details };
    case 'FORBIDDEN':
      return { status: 403, errors: { fields: {}, form: [error.words ? say(error.words, locale) : t('errors.forbidden')] } };
    default:
      throw error;
  }
}

/**
 * A number as people type it: full-width digits, thousands separators and spaces are fine.
 * Empty is null; anything that is not a number stays text so the schema names the problem.
 */
export function numberInput(raw: unknown): number | string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.normalize('NFKC').replace(/[,\s]/g, '').replace(/^−/, '-');
  if (text === '') return null;
  const value = /^-?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) ? value : raw.trim();
}

/** A text field: trimmed; empty is undefined (absent). */
export function textInput(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  return text === '' ? undefined : text;
}

/** The submitted form as plain fields (the last value wins when a name repeats, unless a list is asked for). */
export type FormBody = Record<string, string | string[] | undefined>;

export const field = (body: FormBody, name: string): string | undefined => {
  const v = body[name];
  return Array.isArray(v) ? v.at(-1) : v;
};

export const fieldList = (body: FormBody, name: string): string[] => {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
