import '../../i18n/staff';
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { AttendanceForm } from './AttendanceForm';
import { emptyDraft, type Draft } from './draft';
import { cohortAttendanceQuery, sessionAttendanceQuery } from './queries';
import { ModuleRatesTable, ParticipantRatesTable } from './RatesTables';
import { defaultSessionId, SessionPicker } from './SessionPicker';
import './attendance.css';
import type { CohortAttendance } from './types';

// The chosen session is kept in the address, so a reload or a shared link opens the same sheet.
const sessionParam = 'bijeenkomst';

/**
 * /groepen/:cohortId/aanwezigheid, for the cohort's facilitators and admins: record attendance per session and
 * see the rates. The API decides access; its 403 and 404 become the usual pages.
 */
export function AttendancePage() {
  const { t } = useTranslation();
  const { cohortId = '' } = useParams();
  const { data: rates, error } = useQuery(cohortAttendanceQuery(cohortId));

  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (rates) return <AttendanceView rates={rates} />;
  return <Pending title={t('attendance.title')} error={error} />;
}

function Pending({ title, error }: { title: string; error: Error | null }) {
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function AttendanceView({ rates }: { rates: CohortAttendance }) {
  const { t } = useTranslation();
  const name = cohortTitle({ programmeName: rates.programmeName, name: rates.cohortName });
  usePageTitle(`${t('attendance.title')} — ${name}`);
  const recordId = useId();
  const ratesId = useId();
  return (
    <>
      <Heading1>{t('attendance.title')}</Heading1>
      <Paragraph lead>
        <RouterLink to={`/groepen/${rates.cohortId}`}>{name}</RouterLink>
      </Paragraph>
      {/* Reviewers get the group figures only: no sessions, no sheet, no names. */}
      {rates.sessions && (
        <section aria-labelledby={recordId} className="lg-section">
          <Heading2 id={recordId} className="lg-section__heading">{t('attendance.record.heading')}</Heading2>
          <RecordAttendance sessions={rates.sessions} />
        </section>
      )}
      <section aria-labelledby={ratesId} className="lg-section">
        <Heading2 id={ratesId} className="lg-section__heading">{t('attendance.rates.heading')}</Heading2>
        <Paragraph>{t('attendance.rates.explanation')}</Paragraph>
        {rates.sessionsHeld === 0 ? (
          <Paragraph>{t('attendance.rates.noneHeld')}</Paragraph>
        ) : (
          <>
            <ModuleRatesTable rates={rates} />
            {rates.participants && <ParticipantRatesTable participants={rates.participants} />}
          </>
        )}
      </section>
    </>
  );
}

function RecordAttendance({ sessions }: { sessions: NonNullable<CohortAttendance['sessions']> }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // Unsaved choices per session: switching to another sheet and back keeps them.
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const asked = params.get(sessionParam);
  const sessionId = sessions.some((session) => session.id === asked) ? asked : defaultSessionId(sessions);
  if (!sessionId) return <Paragraph>{t('attendance.record.noSessions')}</Paragraph>;

  return (
    <>
      <SessionPicker
        sessions={sessions}
        value={sessionId}
        onChange={(id) => setParams({ [sessionParam]: id }, { replace: true })}
      />
      <Sheet
        key={sessionId}
        sessionId={sessionId}
        draft={drafts[sessionId] ?? emptyDraft}
        onDraftChange={(draft) => setDrafts((all) => ({ ...all, [sessionId]: draft }))}
      />
    </>
  );
}

function Sheet({
  sessionId,
  draft,
  onDraftChange,
}: {
  sessionId: string;
  draft: Draft;
  onDraftChange: (draft: Draft) => void;
}) {
  const { data: sheet, error } = useQuery(sessionAttendanceQuery(sessionId));
  if (sheet) return <AttendanceForm sheet={sheet} draft={draft} onDraftChange={onDraftChange} />;
  return error ? <QueryErrorAlert error={error} /> : <Loading />;
}
