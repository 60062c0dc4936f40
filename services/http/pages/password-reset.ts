/**
 * "Forgot my password": ask for the address → the same answer whether or not it has an account
 * → the emailed single-use link → set a new password → sign in with it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { requestPasswordReset } from '../../auth/request-password-reset.ts';
import { findPasswordReset, resetPasswordWithToken } from '../../auth/reset-password.ts';
import type { AppDeps } from '../../deps.ts';
import { ServiceError } from '../../errors.ts';
import { translator } from '../../i18n/translate.ts';
import { OrganizationCode, soleOrganizationCode } from '../../auth/login.ts';
import { clearSessionCookie, loginKey } from '../routes/auth.ts';
import { ORGANIZATION_COOKIE } from './auth.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, noErrors, serviceFailure, type FormBody, type FormErrors } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext } from './request-context.ts';

// The account is named as at sign-in: organization code and address.
const RequestForm = Type.Object({ organization: OrganizationCode, email: Type.String({ minLength: 1, maxLength: 200 }) });
const SetForm = Type.Object({ newPassword: Type.String({ minLength: 1, maxLength: 200 }), confirmPassword: Type.String({ minLength: 1, maxLength: 200 }) });

export const passwordResetPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const show = (request: FastifyRequest, reply: FastifyReply, view: Record<string, unknown>, status = 200) =>
    render.page(request, reply, 'password-reset', { title: translator(request.locale)(view.stage === 'set' ? 'passwordReset.setTitle' : 'passwordReset.title'), errors: noErrors(), ...view }, status);

  app.get('/password-reset', { config: { publicPage: true } }, async (request, reply) => {
    const organization = request.cookies[ORGANIZATION_COOKIE] ?? (await soleOrganizationCode(pageContext(deps, request))) ?? '';
    return show(request, reply, { stage: 'request', input: { organization } });
  });

  app.post(
    '/password-reset',
    // Fewer tries than sign-in: each one may send an email. Counted per address and account.
    { config: { publicPage: true, rateLimit: { max: 5, timeWindow: '15 minutes', hook: 'preHandler', keyGenerator: loginKey } } },
    async (request, reply) => {
      const body = request.body as FormBody;
      const form = checkForm<{ organization: string; email: string }>(RequestForm, { organization: body.organization, email: body.email }, request.locale);
      if (!form.ok) return show(request, reply, { stage: 'request', input: { organization: field(body, 'organization') ?? '', email: field(body, 'email') ?? '' }, errors: form.errors }, 400);
      await requestPasswordReset({ ctx: pageContext(deps, request), input: { ...form.value, publicUrl: deps.config.publicUrl } });
      return show(request, reply, { stage: 'sent' });
    },
  );

  const tokenRoute = { config: { publicPage: true, rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler' as const } } };

  app.get('/password-reset/:token', tokenRoute, async (request, reply) => {
    const { token } = request.params as { token: string };
    const reset = await findPasswordReset(pageContext(deps, request), token);
    if (!reset) return show(request, reply, { stage: 'invalid' }, 410);
    return show(request, reply, { stage: 'set', action: `/password-reset/${encodeURIComponent(token)}` });
  });

  app.post('/password-reset/:token', tokenRoute, async (request, reply) => {
    const { token } = request.params as { token: string };
    const t = translator(request.locale);
    const body = request.body as FormBody;
    const action = `/password-reset/${encodeURIComponent(token)}`;
    const again = (errors: FormErrors, status: number) => show(request, reply, { stage: 'set', action, errors }, status);
    const form = checkForm<{ newPassword: string; confirmPassword: string }>(SetForm, { newPassword: body.newPassword, confirmPassword: body.confirmPassword }, request.locale);
    if (!form.ok) return again(form.errors, 400);
    if (form.value.newPassword !== form.value.confirmPassword) return again({ fields: { confirmPassword: t('problems.passwordMismatch') }, form: [] }, 400);
    try {
      await resetPasswordWithToken({ ctx: pageContext(deps, request), input: { token, newPassword: form.value.newPassword } });
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'NOT_FOUND') return show(request, reply, { stage: 'invalid' }, 410);
      const failure = serviceFailure(error, request.locale);
      return again(failure.errors, failure.status);
    }
    clearSessionCookie(deps, reply);
    return seeOther(reply, '/login', 'ownPasswordReset');
  });
};
