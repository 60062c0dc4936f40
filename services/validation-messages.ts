/**
 * Turns JSON Schema (Ajv) errors into problems that name the field and say, in plain words
 * and in the reader's language, what is wrong. Used for HTTP requests, forms and plan files.
 */
import type { ErrorObject } from 'ajv';
import type { FieldProblem } from './errors.ts';

export type Locale = 'ja' | 'en';

/** `/goals/0/title` under root `$` → `$.goals[0].title`; under `body` → `body.goals[0].title`. */
export function fieldPath(root: string, pointer: string, child?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (child !== undefined) parts.push(child);
  return root + parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
}

const TYPE_NAMES: Record<string, { ja: string; en: string }> = {
  string: { ja: '文字列', en: 'a text' },
  number: { ja: '数値', en: 'a number' },
  integer: { ja: '整数', en: 'a whole number' },
  boolean: { ja: 'true または false', en: 'true or false' },
  object: { ja: 'オブジェクト', en: 'an object' },
  array: { ja: '一覧（配列）', en: 'a list' },
};

export function describeAjvError(error: ErrorObject, root: string, locale: Locale = 'en'): FieldProblem {
  const params = error.params as Record<string, unknown>;
  const ja = locale === 'ja';
  const at = (child?: string) => fieldPath(root, error.instancePath, child);
  switch (error.keyword) {
    case 'required':
      return { field: at(String(params.missingProperty)), message: ja ? '入力してください（必須項目です）' : 'is missing' };
    case 'additionalProperties':
      return {
        field: at(String(params.additionalProperty)),
        message: ja ? 'この項目は受け付けられません（綴りを確認してください）' : 'is not a known field (check the spelling)',
      };
    case 'type': {
      const name = TYPE_NAMES[String(params.type)] ?? { ja: String(params.type), en: String(params.type) };
      return { field: at(), message: ja ? `${name.ja}で入力してください` : `must be ${name.en}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      if (error.instancePath.endsWith('/unit')) {
        return { field: at(), message: ja ? `登録されていない単位です。使える単位: ${allowed}` : `is not a known unit; use one of ${allowed}` };
      }
      return { field: at(), message: ja ? `次のいずれかを指定してください: ${allowed}` : `must be one of ${allowed}` };
    }
    case 'discriminator':
      // The tag (e.g. `marker`) is missing, not a text, or names no kind: say so at the tag.
      return { field: at(String(params.tag)), message: ja ? '種類が正しくありません' : 'is not one of the kinds this takes' };
    case 'const':
      return { field: at(), message: ja ? `${JSON.stringify(params.allowedValue)} を指定してください` : `must be ${JSON.stringify(params.allowedValue)}` };
    case 'minLength':
      return Number(params.limit) <= 1
        ? { field: at(), message: ja ? '入力してください' : 'must not be empty' }
        : { field: at(), message: ja ? `${String(params.limit)} 文字以上で入力してください` : `must be at least ${String(params.limit)} characters long` };
    case 'maxLength':
      return { field: at(), message: ja ? `${String(params.limit)} 文字以内で入力してください` : `must be at most ${String(params.limit)} characters long` };
    case 'minItems':
      if (error.instancePath.endsWith('/departments')) {
        return {
          field: at(),
          message: ja ? '担当課を1つ以上指定してください（すべての事業に担当課が必要です）' : 'must name at least one department: every project needs an owner',
        };
      }
      return { field: at(), message: ja ? `${String(params.limit)} 件以上指定してください` : `must have at least ${String(params.limit)} item(s)` };
    case 'maxItems':
      return { field: at(), message: ja ? `${String(params.limit)} 件以内にしてください` : `must have at most ${String(params.limit)} item(s)` };
    case 'pattern':
      return { field: at(), message: ja ? '形式が正しくありません' : `has an invalid format (expected to match ${String(params.pattern)})` };
    case 'format':
      if (params.format === 'evidence-reference') {
        return {
          field: at(),
          message: ja
            ? '根拠資料の参照先は、URL（http:// または https:// で始まるもの）か共有フォルダのパス（\\\\サーバー\\共有\\… または S:\\… など）で入力してください'
            : 'the evidence reference must be a web address (starting http:// or https://) or a shared-drive path (\\\\server\\share\\… or S:\\…)',
        };
      }
      return { field: at(), message: ja ? `形式が正しくありません（${String(params.format)}）` : `must be a valid ${String(params.format)}` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { field: at(), message: ja ? `${String(params.limit)} 以上で入力してください` : `must be at least ${String(params.limit)}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { field: at(), message: ja ? `${String(params.limit)} 以下で入力してください` : `must be at most ${String(params.limit)}` };
    default:
      return { field: at(), message: ja ? '値が正しくありません' : (error.message ?? 'is invalid') };
  }
}

/** Several schema errors often describe one mistake (anyOf branches): keep one per field and message. */
export function describeAjvErrors(errors: ErrorObject[], root: string, locale: Locale = 'en'): FieldProblem[] {
  const seen = new Set<string>();
  return errors
    .map((e) => describeAjvError(e, root, locale))
    .filter((p) => {
      const key = `${p.field}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
