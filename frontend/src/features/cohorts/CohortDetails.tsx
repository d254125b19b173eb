import { Heading, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortModule, CohortOverview, SessionSummary } from '../../api/types';
import { currentLanguage } from '../../i18n';
import { SpeakerNames } from '../planner/SpeakerNames';
import { formatMonth, formatSessionTime } from './format';

/** "Leergang Digitaal Leiderschap — 2026–2027": how a cohort is named everywhere. */
export function cohortTitle(cohort: Pick<CohortOverview, 'programmeName' | 'name'>): string {
  return `${cohort.programmeName} — ${cohort.name}`;
}

/** "september 2026 – juni 2027", with machine-readable dates. */
export function CohortDates({ cohort }: { cohort: CohortOverview }) {
  useTranslation(); // re-render when the language changes
  const lng = currentLanguage();
  return (
    <>
      <time dateTime={cohort.startsOn}>{formatMonth(cohort.startsOn, lng)}</time>
      {' – '}
      <time dateTime={cohort.endsOn}>{formatMonth(cohort.endsOn, lng)}</time>
    </>
  );
}

type Level = 2 | 3;

/** The schedule ahead and the modules of one cohort, each a section headed at `level`. */
export function CohortDetails({ cohort, level }: { cohort: CohortOverview; level: Level }) {
  return (
    <div className="lg-cohort-details">
      <UpcomingSessions sessions={cohort.upcomingSessions} level={level} />
      <Modules modules={cohort.modules} level={level} />
    </div>
  );
}

function UpcomingSessions({ sessions, level }: { sessions: SessionSummary[]; level: Level }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading level={level} id={headingId} className="lg-section__heading">
        {t('cohort.upcoming')}
      </Heading>
      {sessions.length === 0 ? (
        <Paragraph>{t('cohort.noUpcoming')}</Paragraph>
      ) : (
        <ul className="lg-session-list">
          {sessions.map((session) => (
            <SessionItem key={session.id} session={session} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionItem({ session }: { session: SessionSummary }) {
  const { t } = useTranslation();
  const time = formatSessionTime(session.startsAt, session.endsAt, currentLanguage());
  const cancelled = session.status === 'cancelled';
  return (
    <li className={cancelled ? 'lg-session lg-session--cancelled' : 'lg-session'}>
      <Paragraph className="lg-session__when">
        <time dateTime={session.startsAt}>
          {time.startDay}, {time.startTime}
        </time>
        {time.endDay ? ' – ' : '–'}
        <time dateTime={session.endsAt}>{time.endDay ? `${time.endDay}, ${time.endTime}` : time.endTime}</time>
      </Paragraph>
      <Paragraph className="lg-session__title">
        {/* In words, not only by colour or strike-through. */}
        {cancelled && (
          <>
            <StatusBadge status="danger" className="lg-session__status">
              {t('cohort.cancelled')}
            </StatusBadge>{' '}
          </>
        )}
        <span className="lg-session__name">{session.title}</span>
      </Paragraph>
      <Paragraph className="lg-session__meta">{t('cohort.module', { title: session.moduleTitle })}</Paragraph>
      {session.venue && <Paragraph className="lg-session__meta">{t('cohort.venue', { venue: session.venue })}</Paragraph>}
      {!cancelled && <SpeakerNames speakers={session.speakers} />}
      {/* A cancelled meeting's join link would only mislead. */}
      {session.onlineUrl && !cancelled && (
        <Paragraph className="lg-session__meta">
          {/* Several sessions can each have an "Online" link: the label tells them apart in a links list, and
              starts with the visible text so speech input still finds it. */}
          <a
            className="utrecht-link utrecht-link--html-a"
            href={session.onlineUrl}
            aria-label={t('cohort.onlineLabel', { title: session.title })}
          >
            {t('cohort.online')}
          </a>
        </Paragraph>
      )}
    </li>
  );
}

function Modules({ modules, level }: { modules: CohortModule[]; level: Level }) {
  const { t } = useTranslation();
  const headingId = useId();
  const ordered = [...modules].sort((a, b) => a.position - b.position);
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading level={level} id={headingId} className="lg-section__heading">
        {t('cohort.modules')}
      </Heading>
      {ordered.length === 0 ? (
        <Paragraph>{t('cohort.noModules')}</Paragraph>
      ) : (
        <ol className="lg-module-list">
          {ordered.map((module) => (
            <li key={module.id} className="lg-module">
              <span className="lg-module__title">{module.title}</span>
              {module.description && <Paragraph className="lg-module__description">{module.description}</Paragraph>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
