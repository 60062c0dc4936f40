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

export const QUEUE_BOARD_PATH = '/admin/queues';

export async function queueBoard(app: FastifyInstance, deps: AppDeps) {
  const queues = createQueues(deps.config, deps.redis);
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: Object.values(queues).map((q) => new BullMQAdapter(q)), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'cityplan queues' } } });
  await app.register(
    async (board) => {
      board.addHook('onRequest', async (request, reply) => {
        const actor = request.actor;
        if (actor.type === 'user' && actor.user.role === 'admin') return;
        if (actor.type !== 'user') return reply.redirect(`/login?next=${encodeURIComponent(QUEUE_BOARD_PATH)}`);
        // Through the app's error handler: a page for a browser, JSON otherwise.
        throw forbidden('only an administrator may see the queues');
      });
      await board.register(adapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
  app.addHook('onClose', () => closeQueues(queues));
}
