import { isApiError } from '../../api/ApiError';
import { fieldErrors } from '../../api/problem';
import { formProblem, type FormProblem } from '../../components/formProblem';
import i18n from '../../i18n';

/**
 * A failed save in words for the evaluation pages: field messages by the server's field names, plus messages
 * that belong to no single field (a 409 on a form with answers names what it refuses, one line each).
 */
export interface SaveProblem extends FormProblem {
  messages: string[];
  /** 412: someone else saved first; the page offers to load their version. */
  stale: boolean;
  /** 409: the change is refused as it stands. */
  conflict: boolean;
}

/** Field errors that point at the form as a whole rather than at one input. */
const wholeForm = new Set(['questions', 'answers', '']);

export function saveProblem(error: unknown): SaveProblem {
  if (isApiError(error, 412)) {
    return {
      title: i18n.t('evaluations.stale.title'),
      detail: i18n.t('evaluations.stale.detail'),
      fields: {},
      messages: [],
      stale: true,
      conflict: false,
    };
  }
  const base = formProblem(error);
  if (!isApiError(error, 409)) return { ...base, messages: [], stale: false, conflict: false };
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  for (const { field, message } of fieldErrors(error.problem)) {
    if (wholeForm.has(field)) messages.push(message);
    else fields[field] ??= message;
  }
  return { ...base, fields, messages, stale: false, conflict: true };
}

/** Problems found before sending (i18n keys per field), under the usual title; null when all is well. */
export function clientProblem(keys: Record<string, string>): SaveProblem | null {
  const fields = Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, i18n.t(key)]));
  return Object.keys(fields).length > 0
    ? { title: i18n.t('evaluations.form.invalid'), fields, messages: [], stale: false, conflict: false }
    : null;
}
