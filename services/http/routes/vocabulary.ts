import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { EFFECT_GRADES, NEXT_STEPS } from '../../../db/schema/reviews/constants.ts';
import type { AppDeps } from '../../deps.ts';
import { getVocabulary, labelsOf, UpdateVocabularyBody, updateVocabulary } from '../../reviews/vocabulary.ts';
import { contextOf } from '../auth-plugin.ts';
import { errorResponses } from '../schemas.ts';

const Vocabulary = Type.Object({ effectGrades: labelsOf(EFFECT_GRADES, false), nextSteps: labelsOf(NEXT_STEPS, false) });

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
          body: UpdateVocabularyBody,
          response: { 200: Vocabulary, ...errorResponses },
        },
      },
      async (request) => updateVocabulary({ ctx: contextOf(deps, request), input: request.body }),
    );
  };
