/**
 * How the API reports problems: every 4xx/5xx body is an `ApiError` and every field problem a
 * `FieldError`, each carrying a message key of src/domain/messages.ts (as `error` / `code`) and its text
 * in English and Hindi, so that a device can show it in either language.
 */
import type * as z from 'zod/mini';
import type { core } from 'zod/mini';
import { MESSAGES, message, type MessageKey } from '../src/domain/messages';
import type { ApiError, FieldError } from '../src/domain/schemas';

export function fieldError(path: string, key: string): FieldError {
  return { path, code: key, message: message(key, 'en'), messageHi: message(key, 'hi') };
}

export function apiError(key: MessageKey, fields?: FieldError[]): ApiError {
  return { error: key, message: message(key, 'en'), messageHi: message(key, 'hi'), ...(fields && { fields }) };
}

/**
 * Thrown by route handlers and hooks for an expected failure; the error handler turns it into its status,
 * `headers` (e.g. Retry-After, WWW-Authenticate) and an ApiError body.
 */
export class ApiProblem extends Error {
  constructor(readonly statusCode: number, readonly key: MessageKey, readonly fields?: FieldError[], readonly headers?: Record<string, string>) {
    super(key);
  }
}

const isKey = (s: string) => Object.hasOwn(MESSAGES, s);

/**
 * One FieldError per problem. Parse with `{ reportInput: true }` so that a missing field can be told
 * from a wrong one; unknown keys get one entry each, named by their own path.
 */
export function fieldErrorsFromZod(issues: readonly core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push(fieldError([...path, k].join('.'), 'err.unknownField'));
    } else if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
      out.push(fieldError(path.join('.'), 'err.required'));
    } else {
      out.push(fieldError(path.join('.'), isKey(issue.message) ? issue.message : 'err.invalid'));
    }
  }
  return out;
}

/** Parses a request body with a shared schema, or throws the 400 that names each bad field. */
export function parseBody<S extends z.ZodMiniType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw new ApiProblem(400, 'api.invalid', fieldErrorsFromZod(parsed.error.issues));
  return parsed.data as z.infer<S>;
}
