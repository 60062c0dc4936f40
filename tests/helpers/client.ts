/** Signed-in HTTP clients over `app.inject`, for the demo users (password DEMO_PASSWORD). */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEMO_PASSWORD } from '../../services/users/demo-users.ts';

export const DEMO = {
  admin: 'admin@tomakomai.example',
  strategy: 'senryaku@tomakomai.example',
  employment: 'koyo@tomakomai.example', // 工業・雇用振興課
  care: 'kaigo@tomakomai.example', // 介護福祉課
  policy: 'seisaku@tomakomai.example', // 政策推進課 (department member)
  children: 'kodomo@tomakomai.example', // こども育成課
} as const;

/** The test's organization (the seed plan's) and the other city of tests/helpers/other-city.ts. */
export const TEST_ORGANIZATION = 'tomakomai';
/** Sign-in names the organization: a test's users are the seed city's, except the other city's staff (…@othertown.example). */
export const organizationOf = (email: string) => (/@othertown\.example$/i.test(email.trim()) ? 'othertown' : TEST_ORGANIZATION);

export type Client = ReturnType<typeof clientFor>;

function clientFor(app: FastifyInstance, headers: Record<string, string>) {
  const send = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
  return {
    headers,
    get: (url: string) => send('GET', url),
    post: (url: string, body: unknown = {}) => send('POST', url, body),
    put: (url: string, body: unknown = {}) => send('PUT', url, body),
    patch: (url: string, body: unknown = {}) => send('PATCH', url, body),
    delete: (url: string) => send('DELETE', url),
  };
}

export async function signIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD, organization = organizationOf(email)) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { organization, email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cityplan_session')!;
  return clientFor(app, { cookie: `cityplan_session=${cookie.value}` });
}

export const anonymous = (app: FastifyInstance) => clientFor(app, {});
export const bearer = (app: FastifyInstance, token: string) => clientFor(app, { authorization: `Bearer ${token}` });
