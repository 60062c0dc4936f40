import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { createUser, NewUserBody } from '../../users/create-user.ts';
import { listUsers, resetPassword, ResetPasswordBody, updateUser, UpdateUserBody } from '../../users/manage-users.ts';
import { contextOf } from '../auth-plugin.ts';
import { errorResponses, Nullable, Uuid } from '../schemas.ts';

const Role = Type.Enum(['department_member', 'strategy_office', 'admin'] as const);
const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  departmentId: Nullable(Uuid),
  locale: Type.Enum(['ja', 'en'] as const),
  active: Type.Boolean(),
});
const UserParams = Type.Object({ userId: Uuid });

/** Administration of users (admin only; the services check the role). */
export const userRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/admin/users',
      { schema: { tags: ['admin'], summary: 'Users of your organization', response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...User.properties, departmentName: Nullable(Type.String()) })) }), ...errorResponses } } },
      async (request) => ({ items: await listUsers({ ctx: contextOf(deps, request) }) }),
    );

    app.post(
      '/admin/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add a user',
          body: NewUserBody,
          response: { 201: User, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createUser({ ctx: contextOf(deps, request), input: request.body })),
    );

    app.patch(
      '/admin/users/:userId',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change a user’s role, department, name or status (deactivating ends their sessions)',
          params: UserParams,
          body: UpdateUserBody,
          response: { 200: User, ...errorResponses },
        },
      },
      async (request) => updateUser({ ctx: contextOf(deps, request), input: { ...request.body, userId: request.params.userId } }),
    );

    app.put(
      '/admin/users/:userId/password',
      {
        schema: {
          tags: ['admin'],
          summary: 'Reset a user’s password; their sessions end',
          params: UserParams,
          body: ResetPasswordBody,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await resetPassword({ ctx: contextOf(deps, request), input: { userId: request.params.userId, password: request.body.password } });
        return reply.status(204).send(null);
      },
    );
  };
