import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { EFFECT_GRADES, NEXT_STEPS } from '../../../db/schema/reviews/constants.ts';
import type { AppDeps } from '../../deps.ts';
import { getVocabulary, updateVocabulary } from '../../reviews/vocabulary.ts';
import { contextOf } from '../auth-plugin.ts';
import { errorResponses } from '../schemas.ts';

const Label = Type.Object({ ja: Type.String({ minLength: 1, maxLength: 60 }), en: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });
const labels = (codes: readonly string[], optional: boolean) =>
  Type.Object(Object.fromEntries(codes.map((c) => [c, optional ? Type.Optional(Label) : Label])), { additionalProperties: false });
const Vocabulary = Type.Object({ effectGrades: labels(EFFECT_GRADES, false), nextSteps: labels(NEXT_STEPS, false) });

export const vocabularyRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/vocabulary',
      { schema: { tags: ['reviews'], summary: 'Your organization’s words for effect grades and next steps', response: { 200: Vocabulary, ...errorResponses } } },
      async (request) => getVocabulary({ ctx: contextOf(deps, request) }),
    );

    app.put(
      '/vocabulary',
      {
        schema: {
          tags: ['admin'],
          summary: 'Set your organization’s own labels (admin); labels left out keep the default',
          body: Type.Object({ effectGrades: Type.Optional(labels(EFFECT_GRADES, true)), nextSteps: Type.Optional(labels(NEXT_STEPS, true)) }, { additionalProperties: false }),
          response: { 200: Vocabulary, ...errorResponses },
        },
      },
      async (request) => updateVocabulary({ ctx: contextOf(deps, request), input: request.body }),
    );
  };
