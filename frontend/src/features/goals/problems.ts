import { isApiError } from '../../api/ApiError';
import { formProblem, type FormProblem } from '../../components/formProblem';
import i18n from '../../i18n';

/**
 * A save's failure for the form: someone else changed the thing first (412) in our own words, with the offer
 * to load their version; anything else as the server put it, with its field errors.
 */
export function saveProblem(error: unknown): FormProblem & { stale: boolean } {
  if (isApiError(error, 412)) {
    return { title: i18n.t('learningNav.stale.title'), detail: i18n.t('learningNav.stale.detail'), fields: {}, stale: true };
  }
  return { ...formProblem(error), stale: false };
}

/** Client checks (i18n keys per field) as a problem for the error summary, or null when all is well. */
export function clientErrors(keys: Record<string, string>): (FormProblem & { stale: false }) | null {
  const fields = Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, i18n.t(key)]));
  return Object.keys(fields).length > 0 ? { title: i18n.t('learningNav.form.invalid'), fields, stale: false } : null;
}
