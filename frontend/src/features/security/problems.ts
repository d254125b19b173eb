import { isApiError } from '../../api/ApiError';
import { fieldErrors } from '../../api/problem';
import { formProblem, type FormProblem } from '../../components/formProblem';

/** Digits only, as the server reads a code ("123 456" is "123456"). */
export const normaliseCode = (code: string) => code.replace(/\s+/g, '');

export const isSixDigits = (code: string) => /^\d{6}$/.test(normaliseCode(code));

/** The base32 secret in groups of four, for typing it over into an app: "JBSW Y3DP EHPK 3PXP". */
export const groupSecret = (secret: string) =>
  (secret.replace(/[\s=]+/g, '').match(/.{1,4}/g) ?? []).join(' ');

/** A recovery code spelled out for screen readers: one character at a time, a pause between the groups. */
export const spellCode = (code: string) =>
  code
    .split('-')
    .map((group) => [...group].join(' '))
    .join(', ');

/**
 * A failed code check as a form problem. A wrong code is a 401 (login) or a 422 on the code's field: either way
 * the message goes with the code field, so the summary links to it and the field is marked.
 */
export function codeProblem(error: unknown, field: string): FormProblem {
  const problem = formProblem(error);
  if (isApiError(error) && Object.keys(problem.fields).length === 0 && (error.status === 401 || error.status === 422)) {
    return { title: problem.title, fields: { [field]: problem.detail ?? problem.title } };
  }
  // The message once, as the summary's link to the field, not a second time as its detail.
  if (problem.detail && Object.values(problem.fields).includes(problem.detail)) return { ...problem, detail: undefined };
  return problem;
}

/**
 * Whether the login's challenge is no longer any good (expired, used, unknown): the password step must be done
 * again. The server says so with a 401 that names no field (a wrong code's 401 names the code's field), a 422 on
 * the challenge itself, or a 400 or 403.
 */
export function challengeGone(error: unknown): boolean {
  if (!isApiError(error)) return false;
  const fields = fieldErrors(error.problem);
  switch (error.status) {
    case 400:
    case 403:
      return true;
    case 401:
      return fields.length === 0;
    case 422:
      return fields.some((field) => field.field === 'challenge');
    default:
      return false;
  }
}
