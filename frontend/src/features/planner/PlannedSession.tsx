import '../../i18n/staff';
import { Button, ButtonGroup, Heading, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import type { CohortModule } from '../../api/types';
import { currentLanguage } from '../../i18n';
import { cohortKeys } from '../cohorts/queries';
import { formatSessionTime } from '../cohorts/format';
import { BookingPanel } from './BookingPanel';
import { ConfirmButton } from '../../components/ConfirmButton';
import { cancelSession, plannerKeys } from './queries';
import { SavedAlert, type Outcome } from './SavedAlert';
import { SessionForm } from './SessionForm';
import type { Session, SessionFacilitator, Speaker } from './types';

/** One session in the planner: when, where, who; its conflicts; its speakers; and what can be done with it. */
export function PlannedSession({
  session,
  modules,
  facilitators,
  speakers,
  directoryPath,
  outcome,
  onOutcome,
  now,
}: {
  session: Session;
  modules: CohortModule[];
  facilitators: SessionFacilitator[];
  speakers: Speaker[];
  directoryPath: string;
  outcome: Outcome | null;
  onOutcome: (outcome: Outcome) => void;
  now: Date;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [focusEdit, setFocusEdit] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!editing && focusEdit) editRef.current?.focus();
  }, [editing, focusEdit]);

  const cancel = useMutation({
    mutationFn: () => cancelSession(session),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: plannerKeys.cohort(session.cohortId) }),
        queryClient.invalidateQueries({ queryKey: cohortKeys.detail(session.cohortId) }),
      ]);
      onOutcome({ at: session.id, kind: 'ok', title: t('planner.session.cancelled'), detail: t('planner.session.cancelledDetail'), warnings: [] });
    },
    onError: async (error) => {
      await queryClient.invalidateQueries({ queryKey: plannerKeys.cohort(session.cohortId) });
      onOutcome({
        at: session.id,
        kind: 'error',
        title: isApiError(error) ? (error.problem?.title ?? t('planner.form.failed')) : t('planner.form.network'),
        detail: isApiError(error) ? error.problem?.detail : undefined,
        warnings: [],
      });
    },
  });

  const time = formatSessionTime(session.startsAt, session.endsAt, currentLanguage());
  const cancelled = session.status === 'cancelled';
  const over = new Date(session.endsAt) <= now;
  const started = new Date(session.startsAt) <= now;
  const warnings = session.warnings ?? [];
  const classes = ['lg-session', 'lg-planned-session'];
  if (cancelled) classes.push('lg-session--cancelled');

  return (
    <article className={classes.join(' ')} aria-labelledby={titleId}>
      <Heading level={3} id={titleId} className="lg-planned-session__title">
        {cancelled && (
          <>
            <StatusBadge status="danger">{t('planner.session.statusCancelled')}</StatusBadge>{' '}
          </>
        )}
        {over && !cancelled && (
          <>
            <StatusBadge status="neutral">{t('planner.session.statusOver')}</StatusBadge>{' '}
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
      {session.venue && <Paragraph className="lg-session__meta">{t('planner.session.venue', { venue: session.venue })}</Paragraph>}
      {session.onlineUrl && (
        <Paragraph className="lg-session__meta">
          {t('planner.session.online')}{' '}
          <a className="utrecht-link utrecht-link--html-a" href={session.onlineUrl}>
            {session.onlineUrl}
          </a>
        </Paragraph>
      )}
      <Paragraph className="lg-session__meta">
        {session.facilitators.length > 0
          ? t('planner.session.facilitators', { names: session.facilitators.map((f) => f.name).join(', ') })
          : t('planner.session.noFacilitators')}
      </Paragraph>
      {session.topics.length > 0 && (
        <Paragraph className="lg-session__meta">{t('planner.session.topics', { topics: session.topics.join(', ') })}</Paragraph>
      )}
      {warnings.length > 0 && (
        <div className="lg-conflicts">
          <Paragraph>
            <strong>{t('planner.warnings.heading')}</strong>
          </Paragraph>
          <ul className="lg-warning-list">
            {warnings.map((warning, index) => (
              <li key={`${warning.kind}-${index}`}>{warning.message}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome && <SavedAlert outcome={outcome} />}
      {editing ? (
        <SessionForm
          cohortId={session.cohortId}
          modules={modules}
          facilitators={facilitators}
          session={session}
          onSaved={(saved) => {
            setEditing(false);
            onOutcome({ at: saved.id, kind: 'ok', title: t('planner.session.saved', { title: saved.title }), warnings: saved.warnings ?? [] });
          }}
          onCancel={() => {
            setFocusEdit(true);
            setEditing(false);
          }}
        />
      ) : (
        !cancelled && (
          <ButtonGroup className="lg-planned-session__actions">
            <Button
              ref={editRef}
              type="button"
              appearance="secondary-action-button"
              aria-label={t('planner.session.editLabel', { title: session.title })}
              onClick={() => {
                setFocusEdit(false);
                setEditing(true);
              }}
            >
              {t('planner.session.edit')}
            </Button>
            {!over && (
              <ConfirmButton
                label={t('planner.session.cancel')}
                question={t('planner.session.cancelQuestion', { title: session.title })}
                confirmLabel={t('planner.session.cancelConfirm')}
                cancelLabel={t('planner.session.cancelKeep')}
                busy={cancel.isPending}
                onConfirm={() => cancel.mutate()}
              />
            )}
          </ButtonGroup>
        )
      )}
      <BookingPanel
        session={session}
        speakers={speakers}
        directoryPath={directoryPath}
        open={!cancelled && !started}
        onOutcome={onOutcome}
      />
    </article>
  );
}
