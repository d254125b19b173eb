import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQueries } from '@tanstack/react-query';
import { useDeferredValue, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortOverview, Me } from '../../api/types';
import { cohortIdsFor } from '../../auth/roles';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { CohortDates, CohortDetails, cohortTitle } from '../cohorts/CohortDetails';
import { splitCohorts } from '../cohorts/current';
import { cohortQuery } from '../cohorts/queries';
import { EvaluationsCard } from '../my-evaluations/EvaluationsCard';
import { LearningLinks } from '../goals/LearningLinks';
import { HomePage } from './HomePage';

/** The participant's home: their current cohort in full, other cohorts they took part in as links. */
export function ParticipantHome({ user }: { user: Me }) {
  const { t } = useTranslation();
  const cohortIds = cohortIdsFor(user, 'participant');
  const results = useQueries({ queries: cohortIds.map((id) => cohortQuery(id)) });
  // Wait for all: which cohort counts as current depends on every one of them. The answers arrive as an urgent
  // update; the deferred flag lets React render the whole home in short slices instead of one long task that
  // would freeze a slow phone's screen for a moment.
  const loaded = useDeferredValue(!results.some((result) => result.isPending));

  let body: ReactNode;
  if (cohortIds.length === 0) {
    body = <Paragraph>{t('home.participant.empty')}</Paragraph>;
  } else if (!loaded || results.some((result) => result.isPending)) {
    body = <Loading />;
  } else {
    const cohorts = results.flatMap((result) => result.data ?? []);
    const errors = results.flatMap((result) => result.error ?? []);
    body = (
      <>
        {errors.map((error, index) => (
          <QueryErrorAlert key={index} error={error} />
        ))}
        <Cohorts cohorts={cohorts} user={user} />
      </>
    );
  }
  return (
    <HomePage title={t('home.participant.title')} name={user.name}>
      {body}
    </HomePage>
  );
}

function Cohorts({ cohorts, user }: { cohorts: CohortOverview[]; user: Me }) {
  const { t } = useTranslation();
  const { current, earlier, other } = splitCohorts(cohorts);
  const currentId = useId();
  return (
    <>
      {current && (
        <section aria-labelledby={currentId} className="lg-current-cohort">
          <Heading2 id={currentId} className="lg-current-cohort__heading">
            {cohortTitle(current)}
          </Heading2>
          <Paragraph lead className="lg-current-cohort__dates">
            <CohortDates cohort={current} />
          </Paragraph>
          <CohortDetails cohort={current} level={3} />
        </section>
      )}
      {current && <LearningLinks user={user} cohort={current} />}
      <EvaluationsCard />
      <CohortLinks title={t('home.participant.other')} cohorts={other} />
      <CohortLinks title={t('home.participant.earlier')} cohorts={earlier} />
    </>
  );
}

function CohortLinks({ title, cohorts }: { title: string; cohorts: CohortOverview[] }) {
  const headingId = useId();
  if (cohorts.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="lg-section lg-section--minor">
      <Heading2 id={headingId} className="lg-section__heading">
        {title}
      </Heading2>
      <ul className="lg-link-list">
        {cohorts.map((cohort) => (
          <li key={cohort.id}>
            <RouterLink to={`/groepen/${cohort.id}`}>{cohortTitle(cohort)}</RouterLink>
            <span className="lg-link-list__note">
              {' · '}
              <CohortDates cohort={cohort} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
