/**
 * The one place errors become HTTP responses. Services throw typed ServiceErrors; schema
 * validation failures name every field; a value the database refuses is a 400; a database
 * that is out of reach (restarting) is a 503 worth retrying; anything unexpected is logged in
 * full and answered with a generic 500 that carries the request id.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { databaseUnavailable } from '../../db/client.ts';
import { refusedByDatabase, ServiceError, type FieldProblem, type ServiceErrorCode } from '../errors.ts';
import { say, type Words } from '../i18n/translate.ts';
import { describeAjvErrors } from '../validation-messages.ts';

const STATUS: Record<ServiceErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
};

/** Words as the API gives them beside its English: the catalogue's key and the Japanese, for clients that show them. */
const wordsForApi = (words: Words) => ({ messageKey: words.key, messageJa: say(words, 'ja') });
/** A field's problem as the API gives it, like the error itself. */
const problemForApi = ({ field, message, words }: FieldProblem) => ({ field, message, ...wordsForApi(words) });

export function errorHandler(error: FastifyError | ServiceError | Error, request: FastifyRequest, reply: FastifyReply) {
  const requestId = request.id;
  const refused = refusedByDatabase(error);
  if (refused) {
    // A 400 all the same, but a schema let the value through: worth a look.
    request.log.info({ err: error }, 'input refused by the database');
    error = refused;
  }
  if (error instanceof ServiceError) {
    if (typeof error.details?.retryAfterSeconds === 'number') reply.header('retry-after', String(error.details.retryAfterSeconds));
    // The message is English; words from the catalogue are also given in Japanese.
    const japanese = error.words ? wordsForApi(error.words) : {};
    const problems = error.details?.problems?.map(problemForApi);
    return reply.status(STATUS[error.code]).send({ error: { code: error.code, message: error.message, ...japanese, ...error.details, ...(problems && { problems }), requestId } });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const problems = describeAjvErrors(fastifyError.validation as never, fastifyError.validationContext ?? 'request');
    const message = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    return reply.status(400).send({ error: { code: 'BAD_REQUEST', message, problems: problems.map(problemForApi), requestId } });
  }
  const status = fastifyError.statusCode ?? 500;
  if (status < 500) {
    return reply.status(status).send({ error: { code: status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', message: error.message, requestId } });
  }
  if (databaseUnavailable(error)) {
    // The database is restarting or out of reach: nothing was changed, and the same request will work again shortly.
    request.log.warn({ err: error.message }, 'database unavailable');
    return reply.status(503).header('retry-after', '5').send({ error: { code: 'UNAVAILABLE', message: 'The service is briefly unavailable; try again in a few seconds.', requestId } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Quote the request id when reporting it.', requestId } });
}
