/** Schemas shared by several routes. */
import Type from 'typebox';
import { OrNull } from '../input-schemas.ts';

// Defined once with the services' input schemas.
export { MAX_INT, Uuid } from '../input-schemas.ts';
/** Serialised as an ISO string; handlers may return Date objects. */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const Nullable = OrNull;

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    problems: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String(), messageKey: Type.String(), messageJa: Type.String() }))),
  }, { additionalProperties: true }),
});

/** The error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};
