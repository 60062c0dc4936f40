/**
 * The queue view (bull-board) at /admin/queues, for administrators only: signed-in admins see
 * it, anyone else is sent to the login page (browsers) or refused (403).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { closeQueues, createQueues } from '../../jobs/queues.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden } from '../errors.ts';
import { pageErrorFor, wantsPage } from './pages/plugin.ts';

export const QUEUE_BOARD_PATH = '/admin/queues';

export async function queueBoard(app: FastifyInstance, deps: AppDeps) {
  const queues = createQueues(deps.config, deps.redis);
  const adapter = new FastifyAdapter();
  const pageErrors = pageErrorFor(deps);
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: Object.values(queues).map((q) => new BullMQAdapter(q)), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'cityplan queues' } } });
  await app.register(
    async (board) => {
      board.addHook('onRequest', async (request, reply) => {
        const actor = request.actor;
        if (actor.type === 'user' && actor.user.role === 'admin') return;
        if (actor.type !== 'user') return reply.redirect(`/login?next=${encodeURIComponent(QUEUE_BOARD_PATH)}`);
        // bull-board answers errors inside its own scope, so the browser's page is sent from here.
        if (wantsPage(request)) return pageErrors(forbidden('only an administrator may see the queues'), request, reply);
        return reply.status(403).send({ error: { code: 'FORBIDDEN', message: 'only an administrator may see the queues', requestId: request.id } });
      });
      await board.register(adapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
  app.addHook('onClose', () => closeQueues(queues));
}
