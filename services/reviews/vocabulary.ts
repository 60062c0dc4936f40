/**
 * The words of 効果検証: the effect grades and next steps a review records. The codes are
 * fixed (they are stored); the labels are the default vocabulary Japanese cities use, which an
 * organization may replace with its own (organizations.vocabulary). Pages, emails and reports
 * read labels from here.
 */
import { eq } from 'drizzle-orm';
import Type from 'typebox';
import type { DbOrTx } from '../../db/client.ts';
import { organizations, type Label, type VocabularyOverrides } from '../../db/schema/index.ts';
import { EFFECT_GRADES, NEXT_STEPS } from '../../db/schema/reviews/constants.ts';
import { requireAdmin, requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { DEFAULT_VOCABULARY, type Vocabulary } from './vocabulary-defaults.ts';

export { DEFAULT_VOCABULARY, type Vocabulary };

export function withOverrides(overrides: VocabularyOverrides | null | undefined): Vocabulary {
  const pick = <K extends string>(codes: readonly K[], defaults: Record<K, Label>, own: Partial<Record<string, Label>> | undefined) =>
    Object.fromEntries(codes.map((code) => [code, { ...defaults[code], ...own?.[code] }])) as Record<K, Label>;
  return {
    effectGrades: pick(EFFECT_GRADES, DEFAULT_VOCABULARY.effectGrades, overrides?.effectGrades),
    nextSteps: pick(NEXT_STEPS, DEFAULT_VOCABULARY.nextSteps, overrides?.nextSteps),
  };
}

/** The vocabulary in force for an organization (no authorization: emails and reports read it too). */
export async function vocabularyOf(db: DbOrTx, organizationId: string): Promise<Vocabulary> {
  const [org] = await db.select({ vocabulary: organizations.vocabulary }).from(organizations).where(eq(organizations.id, organizationId));
  return withOverrides(org?.vocabulary);
}

export async function getVocabulary({ ctx }: { ctx: ServiceContext }) {
  return vocabularyOf(ctx.db, requireUser(ctx).organizationId);
}

const Label = Type.Object({ ja: Type.String({ minLength: 1, maxLength: 60 }), en: Type.String({ minLength: 1, maxLength: 60 }) });
/** One label per code: every code when `optional` is false (a vocabulary read), any of them when true (a change). */
export const labelsOf = (codes: readonly string[], optional: boolean) => Type.Object(Object.fromEntries(codes.map((c) => [c, optional ? Type.Optional(Label) : Label])));
export const UpdateVocabularyBody = Type.Object({ effectGrades: Type.Optional(labelsOf(EFFECT_GRADES, true)), nextSteps: Type.Optional(labelsOf(NEXT_STEPS, true)) });

/** An admin sets the organization's own labels; labels left out keep the default. */
export async function updateVocabulary({ ctx, input }: { ctx: ServiceContext; input: VocabularyOverrides }) {
  const admin = requireAdmin(ctx);
  return withTransaction(ctx, async (tx) => {
    const rows = await tx.update(organizations).set({ vocabulary: input }).where(eq(organizations.id, admin.organizationId)).returning({ vocabulary: organizations.vocabulary });
    if (rows.length === 0) throw notFound('organization');
    return withOverrides(rows[0]!.vocabulary);
  });
}
