/**
 * Renders the task page, for its own GET and for every form on it that is refused (the errors
 * next to their fields, the input kept). One function, so the task forms in tasks.ts and the
 * file forms in task-files.ts show the same page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { translator } from '../../i18n/translate.ts';
import { noErrors, type FormBody, type FormErrors } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext } from './request-context.ts';
import { loadTaskView } from './task-view.ts';

export interface TaskPageState {
  errors?: FormErrors;
  input?: FormBody;
  status?: number;
  /** More for the template, e.g. an uploaded sheet's problems by cell. */
  extra?: Record<string, unknown>;
}

export function taskPageRenderer(deps: AppDeps, render: PageRenderer) {
  const attachmentLimits = { megabytes: Math.round((deps.config.attachmentMaxBytes / 1024 / 1024) * 10) / 10, files: deps.config.attachmentMaxFiles };
  return async function showTask(request: FastifyRequest<{ Params: { taskId: string } }>, reply: FastifyReply, state: TaskPageState = {}) {
    const view = await loadTaskView(pageContext(deps, request), request.params.taskId);
    const t = translator(request.locale);
    return render.page(
      request,
      reply,
      'task',
      { title: t('task.title', { project: view.task.project.name }), active: 'tasks', path: `/tasks/${view.task.id}`, ...view, attachmentLimits, errors: state.errors ?? noErrors(), input: state.input ?? null, ...state.extra },
      state.status,
    );
  };
}
