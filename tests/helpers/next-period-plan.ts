/** A next-period plan file continuing items of the seeded Tomakomai 2nd-period plan (tomakomai-2nd). */
import type { PlanFile } from '../../services/plans/plan-file.ts';

/** A small 3rd-period plan continuing measure ⑫ (as its measure 1), its first project and KPI, and a numeric target. */
export function nextPeriod(): PlanFile {
  return {
    format: 'cityplan/strategy-plan',
    formatVersion: 1,
    organization: { code: 'tomakomai', name: '苫小牧市', nameEn: 'Tomakomai City' },
    plan: { code: 'tomakomai-3rd', name: '苫小牧市総合戦略（第3期）', periodStartFiscalYear: 2025, periodEndFiscalYear: 2029 },
    populationVision: [],
    departments: [{ code: 'policy-promotion', name: '政策推進課', nameEn: 'Policy Promotion Division' }],
    goals: [
      {
        number: 1,
        title: '移住を促進する',
        numericTargets: [
          { code: 'g3-t1', name: '転入者数（定住人口数）', unit: '人', cumulative: false, direction: 'higher', predecessor: { plan: 'tomakomai-2nd', code: 'g3-t1' }, values: [{ kind: 'target', fiscalYear: 2029, value: 7000 }] },
        ],
        directions: [
          {
            code: '1-1',
            title: '交流人口・定住人口の拡大支援',
            measures: [
              {
                number: 1,
                title: '縁結びコーディネート機能の充実',
                predecessor: { plan: 'tomakomai-2nd', number: 12 },
                projects: [
                  {
                    code: 'm12-p01',
                    name: 'とまこまい縁結びサポート助成事業',
                    departments: ['policy-promotion'],
                    predecessor: { plan: 'tomakomai-2nd', code: 'm12-p01' },
                    kpis: [
                      {
                        code: 'm12-p01-k1',
                        name: '婚姻率',
                        unit: '%',
                        cumulative: false,
                        direction: 'higher',
                        predecessor: { plan: 'tomakomai-2nd', code: 'm12-p01-k1' },
                        values: [
                          { kind: 'baseline', fiscalYear: 2023, value: 4.2 },
                          { kind: 'target', fiscalYear: 2029, value: 5 },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}
