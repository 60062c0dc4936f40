/** A decision's before and after in words, field by field (pure: no database). */
import { describe, expect, it } from 'vitest';
import { changeLines } from '../../services/decisions/describe-changes.ts';

const kpiBefore = { name: '内定者数', unit: '件', cumulative: true, direction: 'higher', note: null, version: 3, targets: [{ fiscalYear: 2023, value: 90 }, { fiscalYear: 2024, value: 100 }] };

describe('changeLines', () => {
  it('says a changed target as before → after, with its unit and year', () => {
    expect(changeLines(kpiBefore, { target: { fiscalYear: 2024, value: 120 }, version: 4 }, 'ja')).toEqual(['目標値: 100件（令和6年度） → 120件（令和6年度）']);
    expect(changeLines(kpiBefore, { target: { fiscalYear: 2024, value: 120 } }, 'en')).toEqual(['Target: 100 cases (FY2024) → 120 cases (FY2024)']);
  });

  it('lists only the fields the decision changed, in words, never the row version or a code', () => {
    const lines = changeLines(kpiBefore, { name: '市内企業への内定者数', cumulative: false, direction: 'higher', code: 'm01-p01-k1', version: 4 }, 'ja');
    expect(lines).toEqual(['名称: 内定者数 → 市内企業への内定者数', '累計: 累計 → 単年度']);
  });

  it('names what a new field is, and departments and KPIs by name', () => {
    const names = new Map([['dept-1', '政策推進課'], ['industry-employment', '工業・雇用振興課'], ['m20-p01-k1', '参加者数']]);
    const nameOf = (k: string) => names.get(k);
    expect(changeLines(null, { name: '新しい事業', status: 'active', departments: ['industry-employment'], departmentIds: ['dept-1'], kpis: ['m20-p01-k1'] }, 'ja', nameOf)).toEqual([
      '名称: 新しい事業',
      '状態: 実施中',
      '担当課: 工業・雇用振興課',
      '担当課: 政策推進課',
      'ＫＰＩ: 参加者数',
    ]);
  });

  it('says a project’s end and a withdrawal of the citizens’ page in words', () => {
    expect(changeLines({ name: '事業', status: 'active' }, { status: 'ended', effectiveFiscalYear: 2023 }, 'ja')).toEqual(['状態: 実施中 → 終了', '終了する年度: 令和5年度']);
    expect(changeLines({ publicPage: 'published', publishedVersion: 2 }, { publicPage: 'withdrawn' }, 'ja')).toEqual(['市民向け公開ページ: 公開 → 取り下げ']);
    expect(changeLines({ publicPage: 'published', publishedVersion: 2 }, { publicPage: 'withdrawn' }, 'en')).toEqual(['Citizens’ page: Published → Withdrawn']);
  });
});
