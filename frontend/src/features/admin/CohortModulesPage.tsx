import '../../i18n/staff';
import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { cohortKeys, cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { ErrorSummary } from '../../components/ErrorSummary';
import { clientProblem, fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { ModuleListEditor } from './ModuleListEditor';
import { checkModules, fromCohortModules, toCohortModules } from './moduleDraft';
import { adminKeys, cohortModulesQuery, replaceCohortModules } from './queries';
import { SavedNote } from './SavedNote';
import type { CohortModules } from './types';
import './admin.css';

/**
 * /groepen/:cohortId/modules: the cohort's own copy of the modules, for its facilitators and admins. Saved as a
 * whole with If-Match on the cohort's version; a module that has sessions cannot be removed.
 */
export function CohortModulesPage() {
  const { cohortId = '' } = useParams();
  const { t } = useTranslation();
  const modules = useQuery(cohortModulesQuery(cohortId));
  const cohort = useQuery(cohortQuery(cohortId));
  const title = cohort.data ? t('manage.cohortModules.titleOf', { cohort: cohortTitle(cohort.data) }) : t('manage.cohortModules.title');
  usePageTitle(title);
  if (isApiError(modules.error, 403)) return <ForbiddenPage />;
  if (isApiError(modules.error, 404)) return <NotFoundPage />;
  return (
    <>
      <Paragraph>
        <RouterLink to={`/groepen/${cohortId}`}>{t('manage.cohortModules.back')}</RouterLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{t('manage.cohortModules.intro')}</Paragraph>
      {modules.error ? (
        <QueryErrorAlert error={modules.error} />
      ) : modules.data ? (
        <Editor key={cohortId} current={modules.data} />
      ) : (
        <Loading />
      )}
    </>
  );
}

function Editor({ current }: { current: CohortModules }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(current);
  const [draft, setDraft] = useState(() => fromCohortModules(current.modules));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [stale, setStale] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('cohort-modules', field);

  if (base.status === 'archived') return <Paragraph>{t('manage.cohortModules.archived')}</Paragraph>;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSavedAt(null);
    const local = clientProblem(checkModules(draft));
    setProblem(local);
    setStale(false);
    if (local) return;
    setBusy(true);
    try {
      const saved = await replaceCohortModules(base, { modules: toCohortModules(draft) });
      queryClient.setQueryData(adminKeys.cohortModules(saved.cohortId), saved);
      void queryClient.invalidateQueries({ queryKey: cohortKeys.detail(saved.cohortId) });
      setBase(saved);
      setDraft(fromCohortModules(saved.modules));
      setSavedAt(Date.now());
    } catch (error) {
      setProblem(formProblem(error));
      setStale(isApiError(error, 412));
    } finally {
      setBusy(false);
    }
  }

  async function loadNewest() {
    const fresh = await queryClient.fetchQuery({ ...cohortModulesQuery(base.cohortId), staleTime: 0 });
    setBase(fresh);
    setDraft(fromCohortModules(fresh.modules));
    setProblem(null);
    setStale(false);
  }

  return (
    <>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      {stale && (
        <Button type="button" appearance="secondary-action-button" onClick={() => void loadNewest()}>
          {t('manage.form.loadNewest')}
        </Button>
      )}
      {savedAt && <SavedNote key={savedAt} text={t('manage.cohortModules.saved')} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <ModuleListEditor idPrefix="cohort-modules" modules={draft} onChange={setDraft} errors={problem?.fields ?? {}} withCapacity />
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('manage.cohortModules.save')}
        </Button>
      </form>
    </>
  );
}
