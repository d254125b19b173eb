import { isApiError } from '../api/ApiError';
import { fieldErrors } from '../api/problem';
import i18n from '../i18n';

/** A form's failure in words: a title, maybe a detail, and a message per field (by the server's field name). */
export interface FormProblem {
  title: string;
  detail?: string | undefined;
  fields: Record<string, string>;
}

/**
 * Turns what a save threw into a FormProblem: the server's problem with its field errors, or our own words for
 * an answer that is no problem document or a lost connection.
 */
export function formProblem(error: unknown): FormProblem {
  if (!isApiError(error)) return { title: i18n.t('manage.form.network'), fields: {} };
  const fields: Record<string, string> = {};
  for (const { field, message } of fieldErrors(error.problem)) fields[field] ??= message;
  return {
    title: error.problem?.title ?? i18n.t('manage.form.unexpected'),
    detail: error.problem?.detail ?? (error.problem ? undefined : `HTTP ${error.status}`),
    fields,
  };
}

/** A problem found before sending: field messages only, under the usual title. */
export function clientProblem(fields: Record<string, string>): FormProblem | null {
  return Object.keys(fields).length > 0 ? { title: i18n.t('manage.form.invalid'), fields } : null;
}

/** A DOM id for a server field name such as modules[2].options[0].title: letters, digits and hyphens only. */
export function fieldDomId(prefix: string, field: string): string {
  return `${prefix}-${field.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}
