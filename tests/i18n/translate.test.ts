/**
 * One typed catalogue: a key's parameters are checked by the compiler (`npm run typecheck`
 * compiles this file, so each `@ts-expect-error` below fails the build if the mistake it marks
 * ever compiles), and filled at run time in the reader's language.
 */
import { describe, expect, it } from 'vitest';
import { translator, type MessageKey } from '../../services/i18n/translate.ts';

const ja = translator('ja');
const en = translator('en');

describe('t()', () => {
  it('fills a key’s parameters in the reader’s language', () => {
    expect(ja('app.total', { n: 3 })).toBe('全 3 件');
    expect(en('app.total', { n: 3 })).toBe('3 in all');
    expect(ja('app.name')).toBe('総合戦略 進行管理');
  });

  it('takes any parameters for a key built at run time', () => {
    const phase = 'observe';
    expect(ja(`phases.${phase}` as MessageKey)).not.toBe(`phases.${phase}`);
  });
});

/** Never run: `npm run typecheck` fails if any marked mistake compiles. */
export function mistakesTheCompilerRefuses() {
  // @ts-expect-error the count is required
  ja('app.total');
  // @ts-expect-error `m` is not a parameter of this text
  ja('app.total', { m: 1 });
  // @ts-expect-error this text has no parameters
  ja('app.name', { n: 1 });
  // @ts-expect-error no such key
  ja('app.nonexistent');
}
