/** The pure pieces of the pages: the SVG trend chart, the proposal diff, query parsing, CSRF tokens. */
import { describe, expect, it } from 'vitest';
import { niceStep, trendChart } from '../../services/http/pages/charts.ts';
import { proposalDiff } from '../../services/http/pages/proposal-view.ts';
import { intParam, queryString, uuidParam } from '../../services/http/pages/query.ts';
import { safeNext } from '../../services/http/pages/auth.ts';
import { numberInput } from '../../services/http/pages/forms.ts';
import { formatters } from '../../services/i18n/format.ts';
import { formatNumber, formatValue } from '../../services/orient/format.ts';
import { translator } from '../../services/i18n/translate.ts';

const labels = { baseline: '基準値', actual: '実績値', target: '目標値', expected: '計画線', noData: 'データがありません' };
const base = { id: 'c1', name: '内定者数', labels, formatValue: (v: number) => `${v}人`, formatYear: (y: number) => `R${y - 2018}`, description: '内定者数の推移' };

describe('trend chart', () => {
  it('draws baseline, actuals, targets and the expected line, with a title and description for screen readers', () => {
    const svg = trendChart({
      ...base,
      baseline: { fiscalYear: 2018, value: 5 },
      actuals: [{ fiscalYear: 2021, value: 7 }, { fiscalYear: 2022, value: 10 }],
      targets: [{ fiscalYear: 2024, value: 40 }],
      expected: [{ fiscalYear: 2019, value: 0 }, { fiscalYear: 2024, value: 40 }],
      currentFiscalYear: 2022,
    });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">内定者数</title>');
    expect(svg).toContain('<desc id="c1-desc">内定者数の推移</desc>');
    expect(svg.match(/<circle /g)?.length).toBe(3); // two actuals and the legend's
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).not.toContain('style=');
  });

  it('escapes every text and says when there is nothing to draw', () => {
    const svg = trendChart({ ...base, name: '<script>"x"</script>', baseline: null, actuals: [], targets: [], expected: [] });
    expect(svg).toContain('&lt;script&gt;&quot;x&quot;&lt;/script&gt;');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('データがありません');
  });

  it('steps its axis in round numbers', () => {
    expect([niceStep(40), niceStep(230), niceStep(0.9), niceStep(0)]).toEqual([10, 100, 0.5, 1]);
  });
});

describe('proposal diff', () => {
  const t = translator('ja');
  const f = formatters('ja');
  it('shows each changed field with its value now and proposed', () => {
    const rows = proposalDiff({ marker: 'kpi_changed', before: { name: '内定者数', unit: '人', cumulative: true, targets: [] }, proposed: { name: '市内企業への内定者数', cumulative: true } }, t, f, new Map());
    expect(rows).toEqual([
      { label: '名称', before: '内定者数', after: '市内企業への内定者数', changed: true },
      { label: '累計', before: '累計', after: '累計', changed: false },
    ]);
  });

  it('shows a target change with the year and unit, and a new project as new', () => {
    const target = proposalDiff({ marker: 'target_changed', before: { unit: '人', targets: [{ fiscalYear: 2024, value: 40 }] }, proposed: { fiscalYear: 2024, value: 30 } }, t, f, new Map());
    expect(target).toEqual([{ label: '目標値', before: '令和6年度 40人', after: '令和6年度 30人', changed: true }]);
    const added = proposalDiff({ marker: 'project_added', before: null, proposed: { name: '新事業', departmentIds: ['d1'] } }, t, f, new Map([['d1', '政策推進課']]));
    expect(added.map((r) => [r.before, r.after])).toEqual([['（新規）', '新事業'], ['（新規）', '政策推進課']]);
  });
});

describe('input as people type it', () => {
  it('reads numbers with full-width digits and separators, and leaves words for the schema to name', () => {
    expect([numberInput('１２'), numberInput('1,234.5'), numberInput(' 7 '), numberInput(''), numberInput('たくさん'), numberInput('−3')]).toEqual([12, 1234.5, 7, null, 'たくさん', -3]);
  });

  it('ignores malformed query values instead of failing', () => {
    expect(intParam({ y: '2024' }, 'y', 2000, 2100)).toBe(2024);
    expect(intParam({ y: '20x' }, 'y', 2000, 2100)).toBeUndefined();
    expect(intParam({ y: ['2024'] }, 'y', 2000, 2100)).toBeUndefined();
    expect(uuidParam({ id: 'x' }, 'id')).toBeUndefined();
    expect(queryString({ a: 1, b: undefined, c: '' })).toBe('?a=1');
  });

  it('never sends a user to another site after login', () => {
    expect(['/tasks/1', '//evil', '/\\evil', 'https://evil', '/login?x', 'javascript:x'].map(safeNext)).toEqual(['/tasks/1', '/tasks', '/tasks', '/tasks', '/tasks', '/tasks']);
  });
});

describe('numbers in words', () => {
  it('never print "-0": a value that rounds to zero is 0 (found by the properties test: 想定値 -0%)', () => {
    for (const x of [-0, -1e-10, -0.004, -5e-324]) expect(formatNumber(x)).toBe('0');
    expect(formatValue(-1e-9, '%', 'ja')).toBe('0%');
    expect(formatNumber(-0.5)).toBe('-0.5');
  });
});
