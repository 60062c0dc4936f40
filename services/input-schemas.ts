/** Pieces of the services' input schemas (each verb's own schema sits in its file). */
import Type from 'typebox';

/** The largest Postgres `integer`: a bound for counts, numbers and offsets that reach a query, which would refuse a larger one. */
export const MAX_INT = 2_147_483_647;
export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const FiscalYear = Type.Integer({ minimum: 2000, maximum: 2100 });
/** Text that must not be empty. */
export const Text = (maxLength = 4000) => Type.String({ minLength: 1, maxLength });
export const OrNull = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
