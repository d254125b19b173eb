import '../../i18n/staff';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { CohortOverview, Me } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { CohortDates, cohortTitle } from '../cohorts/CohortDetails';
import { cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { CohortEvaluationsLink } from '../evaluation-forms/lazyLinks';
import { NotFoundPage } from '../errors/NotFoundPage';
import { programmeSpeakersQuery } from '../speakers/queries';
import { PlannedSession } from './PlannedSession';
import { cohortSessionsQuery } from './queries';
import { SavedAlert, type Outcome } from './SavedAlert';
import { SessionForm } from './SessionForm';
import type { CohortSessions } from './types';
import './planner.css';

/** The directory page of a programme, as the planner links to it. */
export const directoryPath = (programmeId: string) => `/leergangen/${programmeId}/sprekers`;

/**
 * /groepen/:cohortId/planning, for the cohort's facilitators and admins: every session grouped by module, planning
 * and changing sessions, conflicts, and booking speakers. The API decides who may plan: a participant gets no
 * bookings (null), and the page then says there is no access.
 */
export function PlannerPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { cohortId = '' } = useParams();
  const cohort = useQuery(cohortQuery(cohortId));
  const sessions = useQuery(cohortSessionsQuery(cohortId));
  const error = cohort.error ?? sessions.error;

  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (sessions.data && sessions.data.cohortFacilitators === null) return <ForbiddenPage />;
  if (cohort.data && sessions.data) return <Planner cohort={cohort.data} schedule={sessions.data} user={user} />;
  return <Pending error={error} title={t('planner.title')} />;
}

function Pending({ error, title }: { error: Error | null; title: string }) {
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function Planner({ cohort, schedule, user }: { cohort: CohortOverview; schedule: CohortSessions; user: Me }) {
  const { t } = useTranslation();
  usePageTitle(`${t('planner.title')} — ${cohortTitle(cohort)}`);
  const speakers = useQuery(programmeSpeakersQuery(cohort.programmeId));
  const [creating, setCreating] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [focusNew, setFocusNew] = useState(false);
  const newButtonRef = useRef<HTMLButtonElement>(null);
  const newHeadingId = useId();
  const facilitators = schedule.cohortFacilitators ?? [];
  const modules = [...cohort.modules].sort((a, b) => a.position - b.position);
  const now = new Date();
  const directory = directoryPath(cohort.programmeId);

  useEffect(() => {
    if (!creating && focusNew) newButtonRef.current?.focus();
  }, [creating, focusNew]);

  // A facilitator usually plans their own sessions: tick them by default.
  const me = facilitators.some((facilitator) => facilitator.id === user.id) ? [user.id] : [];

  return (
    <>
      <Heading1>{t('planner.title')}</Heading1>
      <Paragraph lead>
        <RouterLink to={`/groepen/${cohort.id}`}>{cohortTitle(cohort)}</RouterLink>
        {' · '}
        <CohortDates cohort={cohort} />
      </Paragraph>
      <Paragraph>{t('planner.intro')}</Paragraph>
      <Paragraph>
        <RouterLink to={directory} state={{ from: `/groepen/${cohort.id}/planning` }}>
          {t('planner.directoryLink')}
        </RouterLink>
      </Paragraph>
      <CohortEvaluationsLink cohort={cohort} />
      {speakers.error && <QueryErrorAlert error={speakers.error} />}

      <section aria-labelledby={newHeadingId} className="lg-section lg-new-session">
        <Heading2 id={newHeadingId}>{t('planner.new.heading')}</Heading2>
        {outcome?.at === 'new' && <SavedAlert outcome={outcome} />}
        {creating ? (
          <SessionForm
            cohortId={cohort.id}
            modules={modules}
            facilitators={facilitators}
            defaultFacilitatorIds={me}
            onSaved={(saved) => {
              setCreating(false);
              setOutcome({
                at: 'new',
                kind: 'ok',
                title: t('planner.session.created', { title: saved.title }),
                warnings: saved.warnings ?? [],
              });
            }}
            onCancel={() => {
              setFocusNew(true);
              setCreating(false);
            }}
          />
        ) : (
          <Button
            ref={newButtonRef}
            type="button"
            appearance="primary-action-button"
            onClick={() => {
              setOutcome(null);
              setFocusNew(false);
              setCreating(true);
            }}
          >
            {t('planner.new.open')}
          </Button>
        )}
      </section>

      {modules.map((module) => {
        const inModule = schedule.sessions.filter((session) => session.moduleId === module.id);
        return (
          <section key={module.id} aria-labelledby={`module-${module.id}`} className="lg-section lg-planner-module">
            <Heading2 id={`module-${module.id}`}>{t('planner.module', { position: module.position, title: module.title })}</Heading2>
            {inModule.length === 0 ? (
              <Paragraph>{t('planner.noSessions')}</Paragraph>
            ) : (
              <ol className="lg-planner-sessions">
                {inModule.map((session) => (
                  <li key={session.id}>
                    <PlannedSession
                      session={session}
                      modules={modules}
                      facilitators={facilitators}
                      speakers={speakers.data ?? []}
                      directoryPath={directory}
                      outcome={outcome?.at === session.id ? outcome : null}
                      onOutcome={setOutcome}
                      now={now}
                    />
                  </li>
                ))}
              </ol>
            )}
          </section>
        );
      })}
    </>
  );
}
