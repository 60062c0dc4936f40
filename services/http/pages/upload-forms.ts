/**
 * Forms that send a file (a task's evidence, the filled task sheet, a plan workbook): ordinary
 * multipart forms. @fastify/multipart is registered only in the scope that calls `acceptUploads`,
 * with its limits, and the parts become plain form data, so the pages' CSRF check reads `_csrf`
 * as for any form.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

/** The file a multipart form sent in `name`; null when there is none (no file chosen, or not a multipart form). */
export function uploaded(request: FastifyRequest, name: string): UploadedFile | null {
  const file = (request.body as Record<string, unknown> | undefined)?.[name];
  return file && typeof file === 'object' && Buffer.isBuffer((file as UploadedFile).bytes) ? (file as UploadedFile) : null;
}

/**
 * A multipart body as plain form data: text fields as strings (so `_csrf` is read as from any
 * form), a file as its name and bytes. The parts @fastify/multipart attaches hold streams and
 * point back at the body; nothing downstream should walk those.
 */
function plainForm(body: unknown): Record<string, string | UploadedFile> {
  const form: Record<string, string | UploadedFile> = {};
  for (const [key, part] of Object.entries((body ?? {}) as Record<string, { type?: unknown; value?: unknown; filename?: unknown; _buf?: unknown }>)) {
    if (part?.type === 'field' && typeof part.value === 'string') form[key] = part.value;
    else if (part?.type === 'file' && Buffer.isBuffer(part._buf) && typeof part.filename === 'string') form[key] = { filename: part.filename, bytes: part._buf };
  }
  return form;
}

/** Makes this scope take multipart forms; each route sets its file size (`config.multipartOptions`). */
export async function acceptUploads(uploads: FastifyInstance) {
  // Nothing is read from someone who is not signed in (the pages' own check comes after the body).
  uploads.addHook('onRequest', async (request, reply) => {
    if (!(request.actor.type === 'user' && request.session)) return reply.redirect('/login', 303);
  });
  // One byte over a limit is kept (not an error here), so the service can say the file is too large, next to its input.
  await uploads.register(multipart, { attachFieldsToBody: true, throwFileSizeLimit: false, limits: { files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 50 } });
  // After the parts are read (the plugin's own preValidation), before the pages' CSRF check.
  uploads.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = plainForm(request.body);
  });
}
