/** The default words of 効果検証 (no imports with effects: the pure Orient module reads them too). */
import type { Label } from '../../db/schema/organizations/tables.ts';
import type { EffectGrade, NextStep } from '../../db/schema/reviews/constants.ts';

export interface Vocabulary {
  effectGrades: Record<EffectGrade, Label>;
  nextSteps: Record<NextStep, Label>;
}

export const DEFAULT_VOCABULARY: Vocabulary = {
  effectGrades: {
    very_effective: { ja: '非常に効果的', en: 'Very effective' },
    considerably_effective: { ja: '相当程度効果があった', en: 'Considerably effective' },
    effective: { ja: '効果があった', en: 'Effective' },
    not_effective: { ja: '効果がなかった', en: 'Not effective' },
  },
  nextSteps: {
    expand: { ja: '拡充', en: 'Expand' },
    improve: { ja: '改善して継続', en: 'Improve and continue' },
    continue: { ja: '現状継続', en: 'Continue as is' },
    abolish: { ja: '中止・廃止', en: 'Stop / abolish' },
    complete: { ja: '期間終了', en: 'Period completed' },
  },
};

