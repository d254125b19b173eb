import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortOverview, Me } from '../../api/types';
import { grantsFor } from '../../auth/roles';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatPercent } from '../attendance/format';
import { myAttendanceQuery } from '../attendance/queries';
import type { MyAttendance } from '../attendance/types';
import { CalendarSubscription } from '../calendar/CalendarSubscription';
import { CohortDates, cohortTitle } from '../cohorts/CohortDetails';
import { splitCohorts } from '../cohorts/current';
import { cohortQuery } from '../cohorts/queries';
import { cohortSessionsQuery, type ProgrammeSession } from './queries';
import { attendanceBySession, isPast, nextSession, scheduleByModule } from './schedule';
import { SessionCard } from './SessionCard';
import './programme.css';

/**
 * /deelnemer/programma, "Mijn programma": the participant's current cohort module by module, every session with
 * its speakers and venue, past ones with their own attendance, and what comes next.
 */
export function ProgrammePage({ user }: { user: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('programme.title'));
  const cohortIds = [...new Set(grantsFor(user, 'participant').flatMap((grant) => grant.cohortId ?? []))];
  const overviews = useQueries({ queries: cohortIds.map((id) => cohortQuery(id)) });

  let body;
  if (cohortIds.length === 0) {
    body = <Paragraph>{t('programme.empty')}</Paragraph>;
  } else if (overviews.some((result) => result.isPending)) {
    body = <Loading />;
  } else {
    const { current } = splitCohorts(overviews.flatMap((result) => result.data ?? []));
    const errors = overviews.flatMap((result) => result.error ?? []);
    body = current ? (
      <CurrentProgramme cohort={current} />
    ) : errors.length > 0 ? (
      <QueryErrorAlert error={errors[0]} />
    ) : (
      <Paragraph>{t('programme.empty')}</Paragraph>
    );
  }
  return (
    <>
      <Heading1>{t('programme.title')}</Heading1>
      {body}
    </>
  );
}

function CurrentProgramme({ cohort }: { cohort: CohortOverview }) {
  const { data: sessions, error } = useQuery(cohortSessionsQuery(cohort.id));
  const { data: mine } = useQuery(myAttendanceQuery());
  return (
    <>
      <Paragraph lead>
        {cohortTitle(cohort)} · <CohortDates cohort={cohort} />
      </Paragraph>
      {sessions ? (
        <Schedule cohort={cohort} sessions={sessions} mine={mine} />
      ) : error ? (
        <QueryErrorAlert error={error} />
      ) : (
        <Loading />
      )}
      <CalendarSubscription level={2} />
    </>
  );
}

function Schedule({
  cohort,
  sessions,
  mine,
}: {
  cohort: CohortOverview;
  sessions: ProgrammeSession[];
  mine: MyAttendance | undefined;
}) {
  const { t } = useTranslation();
  const now = new Date();
  const next = nextSession(sessions, now);
  const attendance = attendanceBySession(mine, cohort.id);
  const tally = mine?.cohorts.find((c) => c.cohortId === cohort.id)?.tally;
  const nextId = useId();
  return (
    <>
      {tally && (
        <Paragraph>
          {tally.rate === null
            ? t('programme.summaryNone')
            : t('programme.summary', { percent: formatPercent(tally.rate), present: tally.present, held: tally.held })}
        </Paragraph>
      )}
      <section aria-labelledby={nextId} className="lg-next-step">
        <Heading2 id={nextId} className="lg-next-step__heading">
          {t('programme.next.heading')}
        </Heading2>
        {next ? (
          <>
            {new Date(next.startsAt) <= now && <Paragraph>{t('programme.next.now')}</Paragraph>}
            <Paragraph className="lg-session__meta">
              {t('programme.module', { position: next.modulePosition, title: next.moduleTitle })}
            </Paragraph>
            <SessionCard session={next} past={false} attendance={undefined} level={3} />
          </>
        ) : (
          <Paragraph>{t('programme.next.none')}</Paragraph>
        )}
      </section>
      {scheduleByModule(cohort.modules, sessions).map(({ module, sessions: moduleSessions }) => (
        <ModuleSection key={module.id} title={t('programme.module', { position: module.position, title: module.title })} description={module.description}>
          {moduleSessions.length === 0 ? (
            <Paragraph>{t('programme.noSessions')}</Paragraph>
          ) : (
            <ol className="lg-programme-sessions">
              {moduleSessions.map((session) => (
                <li key={session.id}>
                  <SessionCard
                    session={session}
                    past={isPast(session, now)}
                    attendance={attendance.has(session.id) ? attendance.get(session.id) : undefined}
                    level={3}
                  />
                </li>
              ))}
            </ol>
          )}
        </ModuleSection>
      ))}
    </>
  );
}

function ModuleSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="lg-section lg-programme-module">
      <Heading2 id={headingId} className="lg-section__heading">
        {title}
      </Heading2>
      {description && <Paragraph className="lg-programme-module__description">{description}</Paragraph>}
      {children}
    </section>
  );
}
