/** Zod issues (message = a message key) as the API's FieldErrors, so a form shows local and server refusals alike. */
import { message } from '../../domain/messages';
import type { FieldError } from '../../domain/schemas';

export function fieldErrorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => {
    const key = /^[a-z]+\.[A-Za-z]+$/.test(i.message) ? i.message : 'err.invalid';
    return { path: i.path.map(String).join('.'), code: key, message: message(key, 'en'), messageHi: message(key, 'hi') };
  });
}
