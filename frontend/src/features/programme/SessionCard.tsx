import '../../i18n/staff';
import { Heading, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { AttendanceStatus } from '../attendance/types';
import { formatSessionTime } from '../cohorts/format';
import type { ProgrammeSession } from './queries';

/**
 * One session of "Mijn programma": when (Amsterdam time), where, who speaks; a past one with the participant's
 * own attendance. Status is always said in words, never by colour alone.
 */
export function SessionCard({
  session,
  past,
  attendance,
  level,
}: {
  session: ProgrammeSession;
  past: boolean;
  /** undefined: not on the participant's record (e.g. still to come); null: not recorded yet. */
  attendance: AttendanceStatus | null | undefined;
  level: 3 | 4;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const time = formatSessionTime(session.startsAt, session.endsAt, currentLanguage());
  const cancelled = session.status === 'cancelled';
  const classes = ['lg-session', 'lg-programme-session'];
  if (cancelled) classes.push('lg-session--cancelled');
  else if (past) classes.push('lg-programme-session--past');
  return (
    <article className={classes.join(' ')} aria-labelledby={titleId}>
      <Heading level={level} id={titleId} className="lg-programme-session__title">
        {cancelled && (
          <>
            <StatusBadge status="danger">{t('programme.cancelled')}</StatusBadge>{' '}
          </>
        )}
        {past && !cancelled && (
          <>
            <StatusBadge status="neutral">{t('programme.past')}</StatusBadge>{' '}
          </>
        )}
        <span className="lg-session__name">{session.title}</span>
      </Heading>
      <Paragraph className="lg-session__when">
        <time dateTime={session.startsAt}>
          {time.startDay}, {time.startTime}
        </time>
        {time.endDay ? ' – ' : '–'}
        <time dateTime={session.endsAt}>{time.endDay ? `${time.endDay}, ${time.endTime}` : time.endTime}</time>
      </Paragraph>
      {session.venue && <Paragraph className="lg-session__meta">{t('programme.venue', { venue: session.venue })}</Paragraph>}
      {session.onlineUrl && !cancelled && !past && (
        <Paragraph className="lg-session__meta">
          <a
            className="utrecht-link utrecht-link--html-a"
            href={session.onlineUrl}
            aria-label={t('programme.onlineLabel', { title: session.title })}
          >
            {t('programme.online')}
          </a>
        </Paragraph>
      )}
      {session.speakers.length > 0 && (
        <div className="lg-programme-session__speakers">
          <Paragraph className="lg-session__meta">{t('programme.speakers')}:</Paragraph>
          <ul className="lg-speaker-list">
            {session.speakers.map((speaker) => (
              <li key={speaker.id}>
                <strong>{speaker.name}</strong>
                {[speaker.roleTitle, speaker.organisation].filter(Boolean).map((part) => `, ${part}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {past && !cancelled && attendance !== undefined && (
        <Paragraph className="lg-programme-session__attendance">
          {t('programme.yourAttendance', {
            status: t(attendance ? `attendance.status.${attendance}` : 'attendance.status.none'),
          })}
        </Paragraph>
      )}
    </article>
  );
}
