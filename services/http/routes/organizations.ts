import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { listDepartments, listOrganizations } from '../../plans/queries.ts';
import { contextOf } from '../auth-plugin.ts';
import { DateTime, errorResponses, Nullable, Uuid } from '../schemas.ts';

export const Organization = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()), createdAt: DateTime });
export const Department = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()) });

export const organizationRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/organizations',
      { schema: { tags: ['plans'], summary: 'Your organization (municipality)', response: { 200: Type.Object({ items: Type.Array(Organization) }) } } },
      async (request) => ({ items: await listOrganizations(contextOf(deps, request)) }),
    );

    app.get(
      '/organizations/:organizationId/departments',
      {
        schema: {
          tags: ['plans'],
          summary: 'Departments of an organization',
          params: Type.Object({ organizationId: Uuid }),
          response: { 200: Type.Object({ items: Type.Array(Department) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listDepartments(contextOf(deps, request), request.params.organizationId) }),
    );
  };
