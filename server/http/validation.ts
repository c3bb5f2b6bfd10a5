/**
 * How the contract's schemas are checked, in one place: the ajv options fastify's route validation
 * uses, and the same ajv for checks outside routes (events-socket frames, tests of responses).
 */
import { Ajv, type ValidateFunction } from 'ajv';

/** ajv options of every check: unknown properties refused (not removed), no type coercion, defaults filled in. */
export const AJV_OPTIONS = { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } as const;

const ajv = new Ajv({ ...AJV_OPTIONS, strict: false });

/** A compiled check of one contract schema (compiled once per schema object). */
export function compileSchema(schema: object): ValidateFunction {
  return ajv.compile(schema);
}

/** The first thing `check` found wrong, as fastify words it (`/path: message`). */
export function firstError(check: ValidateFunction): string {
  const error = check.errors?.[0];
  return error ? `${error.instancePath}: ${error.message ?? 'invalid'}` : ': invalid';
}
