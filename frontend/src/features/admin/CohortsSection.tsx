import '../../i18n/staff';
import { Alert, Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { currentLanguage } from '../../i18n';
import { CohortEditForm } from './CohortEditForm';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDate } from './dates';
import { formProblem, type FormProblem } from '../../components/formProblem';
import { SavedNote } from './SavedNote';
import { NewCohortForm } from './NewCohortForm';
import { adminKeys, changeCohortStatus, programmeCohortsQuery } from './queries';
import { statusSteps } from './cohortStatus';
import type { CohortStatus, CohortSummary } from './types';

/** The programme's cohorts, newest first, with their links and status steps, and a form to add one. */
export function CohortsSection({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { data, error } = useQuery(programmeCohortsQuery(programmeId));
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId}>{t('manage.cohorts.title')}</Heading2>
      {error ? (
        <QueryErrorAlert error={error} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <Paragraph>{t('manage.cohorts.none')}</Paragraph>
      ) : (
        <ul className="lg-card-list">
          {data.map((cohort) => (
            <CohortCard key={cohort.id} programmeId={programmeId} cohort={cohort} />
          ))}
        </ul>
      )}
      <NewCohortForm programmeId={programmeId} />
    </section>
  );
}

function CohortCard({ programmeId, cohort }: { programmeId: string; cohort: CohortSummary }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [editing, setEditing] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const lng = currentLanguage();

  useEffect(() => {
    if (!editing && returnFocus) editRef.current?.focus();
  }, [editing, returnFocus]);

  async function step(status: CohortStatus) {
    setBusy(true);
    setProblem(null);
    try {
      await changeCohortStatus(cohort, status);
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: adminKeys.cohorts(programmeId) });
    }
  }

  return (
    <li className="lg-card lg-admin-cohort">
      <Heading3 className="lg-card__heading">{cohort.name}</Heading3>
      <Paragraph className="lg-card__text">
        <time dateTime={cohort.startsOn}>{formatDate(cohort.startsOn, lng)}</time> –{' '}
        <time dateTime={cohort.endsOn}>{formatDate(cohort.endsOn, lng)}</time>
      </Paragraph>
      <Paragraph className="lg-card__text">
        {t('manage.cohorts.statusLine', {
          status: t(`manage.cohorts.status.${cohort.status}`),
          active: cohort.activeParticipants,
          capacity: cohort.capacity,
        })}
      </Paragraph>
      <ul className="lg-admin-links">
        <li>
          <RouterLink to={`/groepen/${cohort.id}/deelnemers`} aria-label={t('manage.cohorts.participantsOf', { name: cohort.name })}>
            {t('manage.cohorts.participants')}
          </RouterLink>
        </li>
        <li>
          <RouterLink to={`/groepen/${cohort.id}/modules`} aria-label={t('manage.cohorts.modulesOf', { name: cohort.name })}>
            {t('manage.cohorts.modules')}
          </RouterLink>
        </li>
        <li>
          <RouterLink to={`/groepen/${cohort.id}`} aria-label={t('manage.cohorts.pageOf', { name: cohort.name })}>
            {t('manage.cohorts.page')}
          </RouterLink>
        </li>
        <li>
          <RouterLink to={`/groepen/${cohort.id}/coaching`} aria-label={t('manage.cohorts.coachingOf', { name: cohort.name })}>
            {t('manage.cohorts.coaching')}
          </RouterLink>
        </li>
      </ul>
      {problem && (
        <Alert type="error" role="alert" className="lg-alert">
          <Paragraph>
            <strong>{problem.title}</strong>
          </Paragraph>
          {problem.detail && <Paragraph>{problem.detail}</Paragraph>}
        </Alert>
      )}
      {savedAt && <SavedNote key={savedAt} text={t('manage.cohorts.saved', { name: cohort.name })} />}
      {cohort.status !== 'archived' &&
        (editing ? (
          <div>
            <CohortEditForm
              cohort={cohort}
              onClose={(saved) => {
                setEditing(false);
                setReturnFocus(!saved);
                if (saved) setSavedAt(Date.now());
              }}
            />
          </div>
        ) : (
          <Button
            ref={editRef}
            type="button"
            appearance="subtle-button"
            aria-label={t('manage.cohorts.editLabel', { name: cohort.name })}
            onClick={() => {
              setSavedAt(null);
              setEditing(true);
            }}
          >
            {t('manage.cohorts.edit')}
          </Button>
        ))}
      {statusSteps[cohort.status].length > 0 && (
        <ButtonGroup className="lg-admin-cohort__actions">
          {statusSteps[cohort.status].map((next) => (
            <ConfirmButton
              key={next}
              label={t(`manage.cohorts.step.${cohort.status}-${next}`)}
              ariaLabel={`${t(`manage.cohorts.step.${cohort.status}-${next}`)}: ${cohort.name}`}
              question={t(`manage.cohorts.confirm.${cohort.status}-${next}`, { name: cohort.name })}
              confirmLabel={t(`manage.cohorts.step.${cohort.status}-${next}`)}
              cancelLabel={t('manage.form.cancel')}
              busy={busy}
              onConfirm={() => void step(next)}
            />
          ))}
        </ButtonGroup>
      )}
    </li>
  );
}
