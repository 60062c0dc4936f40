/**
 * Renders the task page, for its own GET and for every form on it that is refused (the errors
 * next to their fields, the input kept). One function, so the task forms in tasks.ts and the
 * file forms in task-files.ts show the same page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { translator } from '../../i18n/translate.ts';
import { getDraft } from '../../reviews/draft-queries.ts';
import type { ValueWarnings } from '../../reviews/submission-warnings.ts';
import { noErrors, type FormBody, type FormErrors } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';
import { draftAsInput, nameKpiProblems } from './task-form.ts';
import { taskGuide } from './task-guide.ts';
import { loadTaskView } from './task-view.ts';

export interface TaskPageState {
  errors?: FormErrors;
  input?: FormBody;
  status?: number;
  /** Plausibility warnings of the values just posted, shown beside their fields. */
  warnings?: ValueWarnings[];
  /** More for the template, e.g. an uploaded sheet's problems by cell. */
  extra?: Record<string, unknown>;
}

export function taskPageRenderer(deps: AppDeps, render: PageRenderer) {
  const attachmentLimits = { megabytes: Math.round((deps.config.attachmentMaxBytes / 1024 / 1024) * 10) / 10, files: deps.config.attachmentMaxFiles };
  return async function showTask(request: FastifyRequest<{ Params: { taskId: string } }>, reply: FastifyReply, state: TaskPageState = {}) {
    const ctx = pageContext(deps, request);
    const view = await loadTaskView(ctx, request.params.taskId);
    const t = translator(request.locale);
    const guide = taskGuide(view, pageUser(request), deps.clock);
    // The owner's unsent draft, never anyone else's; it fills the form unless the form was just posted.
    const draft = guide.drafts ? await getDraft(ctx, view.task.id) : null;
    const input = state.input ?? (draft ? draftAsInput(draft, view) : null);
    const errors = nameKpiProblems(state.errors ?? noErrors(), view, request.locale);
    return render.page(
      request,
      reply,
      'task',
      {
        title: t('task.title', { project: view.task.project.name }),
        active: 'tasks',
        path: `/tasks/${view.task.id}`,
        ...view,
        guide,
        draft,
        draftShown: Boolean(draft && !state.input),
        attachmentLimits,
        errors,
        input,
        warnings: state.warnings ?? null,
        ...state.extra,
      },
      state.status,
    );
  };
}
