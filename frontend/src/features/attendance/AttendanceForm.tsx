import '../../i18n/staff';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
  RadioButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { fieldErrors } from '../../api/problem';
import { changedLines, choose, emptyDraft, everyonePresent, rebase, shownStatus, type Draft } from './draft';
import { formatMoment, formatShortDay } from './format';
import { attendanceKeys, saveAttendance, sessionAttendanceQuery } from './queries';
import { attendanceStatuses, type AttendanceRecord, type AttendanceStatus, type SessionAttendance } from './types';

/**
 * What went wrong with the last save, in words; rowErrors are shown on the participant's line and in the summary.
 * After a save refused because someone else saved first, unsaved lists the choices still waiting, by participant.
 */
interface Failure {
  title: string;
  detail?: string | undefined;
  rowErrors: Record<string, string>;
  unsaved?: Record<string, string>;
}

/**
 * One session's attendance sheet: the whole group on one screen, one radio group per participant, saved at once.
 * The draft (unsaved choices) is owned by the page so that switching sessions does not lose it.
 */
export function AttendanceForm({
  sheet,
  draft,
  onDraftChange,
}: {
  sheet: SessionAttendance;
  draft: Draft;
  onDraftChange: (draft: Draft) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sessionId = sheet.session.id;
  const [failure, setFailure] = useState<Failure | null>(null);
  const [conflicts, setConflicts] = useState<Record<string, AttendanceRecord>>({});
  const [announcement, setAnnouncement] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const captionId = useId();

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  const save = useMutation({
    mutationFn: (toSave: Draft) =>
      // If-Match: the register version the choices were made on, not whatever newer sheet has arrived since.
      saveAttendance(sessionId, toSave.baseVersion ?? sheet.version, { records: changedLines(toSave) }),
    onSuccess: (fresh) => {
      // The answer carries the register's new version: the next choices are based on it.
      queryClient.setQueryData(attendanceKeys.session(sessionId), fresh);
      // The rates and the session list count what was just recorded.
      void queryClient.invalidateQueries({ queryKey: attendanceKeys.cohort(sheet.session.cohortId) });
      onDraftChange(emptyDraft);
      setConflicts({});
      setFailure(null);
      setAnnouncement(t('attendance.sheet.saved'));
    },
    onError: async (error, sent) => {
      setAnnouncement('');
      const lines = changedLines(sent);
      if (isApiError(error, 412) || isApiError(error, 409)) {
        // Show what the server has now, keeping the facilitator's choices on top of it.
        let fresh: SessionAttendance;
        try {
          fresh = await queryClient.fetchQuery({ ...sessionAttendanceQuery(sessionId), staleTime: 0 });
        } catch {
          // The choices stay, on the old version: saving again asks for the newest sheet again.
          setFailure({ title: t('attendance.errors.staleTitle'), detail: t('attendance.errors.staleNoReload'), rowErrors: {} });
          return;
        }
        // The draft as it is now: a choice made while the save was on its way is kept too.
        const rebased = rebase(draft, fresh);
        onDraftChange(rebased.draft);
        setConflicts(Object.fromEntries(rebased.conflicts.map((record) => [record.userId, record])));
        if (isApiError(error, 409)) {
          setFailure({ title: error.problem?.title ?? t('attendance.errors.unexpected'), detail: error.problem?.detail, rowErrors: {} });
          return;
        }
        const pendingLines = Object.keys(rebased.draft.lines).length;
        setFailure({
          title: t('attendance.errors.staleTitle'),
          detail: t(
            pendingLines === 0
              ? 'attendance.errors.conflictNothingLeft'
              : rebased.conflicts.length > 0
                ? 'attendance.errors.conflictBody'
                : 'attendance.errors.conflictNone',
          ),
          rowErrors: {},
          unsaved: unsavedChoices(rebased.draft, fresh.records, rebased.conflicts),
        });
        return;
      }
      if (isApiError(error)) {
        const rowErrors: Record<string, string> = {};
        const other: string[] = [];
        for (const { field, message } of fieldErrors(error.problem)) {
          // records[3].status → the fourth line sent → that participant.
          const index = /^records\[(\d+)\]/.exec(field)?.[1];
          const userId = index === undefined ? undefined : lines[Number(index)]?.userId;
          if (userId) rowErrors[userId] = message;
          else other.push(message);
        }
        setFailure({
          title: error.problem?.title ?? t('attendance.errors.unexpected'),
          detail: [error.problem?.detail, ...other].filter(Boolean).join(' ') || `HTTP ${error.status}`,
          rowErrors,
        });
        return;
      }
      setFailure({ title: t('attendance.errors.network'), rowErrors: {} });
    },
  });

  /** Each waiting choice in words, saying for a conflict what was recorded meanwhile. */
  function unsavedChoices(next: Draft, fresh: AttendanceRecord[], conflicting: AttendanceRecord[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const record of fresh) {
      const line = next.lines[record.userId];
      if (!line) continue;
      const choice = t(`attendance.status.${line.status}`);
      const conflict = conflicting.find((other) => other.userId === record.userId);
      out[record.userId] = conflict
        ? t('attendance.errors.unsavedConflict', {
            name: record.name,
            choice,
            status: conflict.status ? t(`attendance.status.${conflict.status}`) : t('attendance.status.none'),
            by: conflict.recordedByName ?? '?',
          })
        : t('attendance.errors.unsavedChoice', { name: record.name, choice });
    }
    return out;
  }

  const { session, records } = sheet;
  const cancelled = session.status === 'cancelled';
  const pending = Object.keys(draft.lines).length;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return; // not disabling the button: that would drop keyboard focus mid-save
    if (pending === 0) {
      setAnnouncement(t('attendance.sheet.nothingToSave'));
      return;
    }
    setFailure(null);
    save.mutate(draft);
  }

  function onEveryonePresent() {
    onDraftChange(everyonePresent(draft, sheet));
    setAnnouncement(t('attendance.sheet.everyonePresentDone'));
  }

  const rowErrorEntries = Object.entries(failure?.rowErrors ?? {});
  const unsavedEntries = Object.entries(failure?.unsaved ?? {});
  const nameOf = (userId: string) => records.find((record) => record.userId === userId)?.name ?? userId;

  return (
    <form noValidate onSubmit={onSubmit} aria-busy={save.isPending} className="lg-attendance-form">
      {cancelled && (
        <Alert type="warning" className="lg-alert">
          <Paragraph>{t('attendance.sheet.cancelled')}</Paragraph>
        </Alert>
      )}
      {!cancelled && !session.started && (
        <Alert type="info" className="lg-alert">
          <Paragraph>{t('attendance.sheet.notStarted')}</Paragraph>
        </Alert>
      )}
      {failure && (
        <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{failure.title}</strong>
          </Paragraph>
          {failure.detail && <Paragraph>{failure.detail}</Paragraph>}
          {rowErrorEntries.length > 0 && (
            <ul className="lg-error-summary">
              {rowErrorEntries.map(([userId, message]) => (
                <li key={userId}>
                  <LineLink sessionId={sessionId} userId={userId}>
                    {nameOf(userId)}: {message}
                  </LineLink>
                </li>
              ))}
            </ul>
          )}
          {unsavedEntries.length > 0 && (
            <>
              <Paragraph>{t('attendance.errors.unsavedHeading')}</Paragraph>
              <ul className="lg-error-summary">
                {unsavedEntries.map(([userId, text]) => (
                  <li key={userId}>
                    <LineLink sessionId={sessionId} userId={userId}>
                      {text}
                    </LineLink>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Alert>
      )}

      {records.length === 0 ? (
        <Paragraph>{t('attendance.sheet.empty')}</Paragraph>
      ) : (
        <div className="lg-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <Table className="lg-attendance-table">
            <TableCaption id={captionId}>
              {t('attendance.sheet.caption', { title: session.title, day: formatShortDay(session.startsAt) })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('attendance.sheet.participant')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('attendance.sheet.attendance')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('attendance.sheet.recorded')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {records.map((record) => (
                <AttendanceLine
                  key={record.userId}
                  sessionId={sessionId}
                  record={record}
                  shown={shownStatus(record, draft)}
                  changed={record.userId in draft.lines}
                  conflict={conflicts[record.userId]}
                  error={failure?.rowErrors[record.userId]}
                  disabled={cancelled}
                  started={session.started}
                  onChoose={(status) => onDraftChange(choose(draft, sheet, record, status))}
                />
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      {!cancelled && records.length > 0 && (
        <>
          <Paragraph className="lg-attendance-form__pending" aria-live="polite">
            {pending > 0 ? t('attendance.sheet.pending', { count: pending }) : ''}
          </Paragraph>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
              {save.isPending ? t('attendance.sheet.saving') : t('attendance.sheet.save')}
            </Button>
            {session.started && (
              <Button type="button" appearance="secondary-action-button" onClick={onEveryonePresent}>
                {t('attendance.sheet.everyonePresent')}
              </Button>
            )}
          </ButtonGroup>
        </>
      )}
      <Paragraph role="status" className="lg-attendance-form__status">
        {announcement}
      </Paragraph>
    </form>
  );
}

const radioId = (sessionId: string, userId: string, status: AttendanceStatus) => `att-${sessionId}-${userId}-${status}`;

/** Moves focus to a participant's radio group: the checked option, else the first one that can be chosen. */
/** A link in an error list that takes the keyboard to a participant's line of the register. */
function LineLink({ sessionId, userId, children }: { sessionId: string; userId: string; children: ReactNode }) {
  return (
    <a
      className="utrecht-link utrecht-link--html-a"
      href={`#${radioId(sessionId, userId, 'present')}`}
      onClick={(event) => {
        event.preventDefault();
        focusLine(sessionId, userId);
      }}
    >
      {children}
    </a>
  );
}

function focusLine(sessionId: string, userId: string) {
  const radios = attendanceStatuses
    .map((status) => document.getElementById(radioId(sessionId, userId, status)) as HTMLInputElement | null)
    .filter((radio): radio is HTMLInputElement => radio !== null && !radio.disabled);
  (radios.find((radio) => radio.checked) ?? radios[0])?.focus();
}

function AttendanceLine({
  sessionId,
  record,
  shown,
  changed,
  conflict,
  error,
  disabled,
  started,
  onChoose,
}: {
  sessionId: string;
  record: AttendanceRecord;
  shown: AttendanceStatus | null;
  changed: boolean;
  conflict: AttendanceRecord | undefined;
  error: string | undefined;
  disabled: boolean;
  started: boolean;
  onChoose: (status: AttendanceStatus) => void;
}) {
  const { t } = useTranslation();
  const nameId = useId();
  const noteId = useId();
  const errorId = useId();
  const describedBy = [error ? errorId : null, noteId].filter(Boolean).join(' ');
  return (
    <TableRow className={error || conflict ? 'lg-attendance-line lg-attendance-line--attention' : 'lg-attendance-line'}>
      <TableHeaderCell scope="row" className="lg-attendance-line__name">
        {/* The radio group is named after the person alone: their gemeente would make it a mouthful. */}
        <span id={nameId}>{record.name}</span>
        {record.gemeente && <span className="lg-attendance-line__gemeente">{record.gemeente}</span>}
        {record.enrolmentStatus === 'withdrawn' && (
          <span className="lg-attendance-line__gemeente">{t('attendance.sheet.withdrawn')}</span>
        )}
      </TableHeaderCell>
      <TableCell>
        <Fieldset
          role="radiogroup"
          aria-labelledby={nameId}
          aria-describedby={describedBy}
          invalid={Boolean(error)}
          disabled={disabled}
          className="lg-attendance-line__group"
        >
          {error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
          <div className="lg-attendance-line__options">
            {attendanceStatuses.map((status) => {
              const id = radioId(sessionId, record.userId, status);
              // Present and absent can be known only once the session has begun; an excuse can come ahead.
              const unavailable = disabled || (!started && status !== 'excused');
              return (
                <span key={status} className="lg-attendance-line__option">
                  <RadioButton
                    id={id}
                    name={`attendance-${sessionId}-${record.userId}`}
                    value={status}
                    checked={shown === status}
                    disabled={unavailable}
                    invalid={Boolean(error)}
                    onChange={() => onChoose(status)}
                  />
                  <FormLabel htmlFor={id} type="radio" disabled={unavailable} checked={shown === status}>
                    {t(`attendance.status.${status}`)}
                  </FormLabel>
                </span>
              );
            })}
          </div>
        </Fieldset>
      </TableCell>
      <TableCell id={noteId} className="lg-attendance-line__note">
        <LineNote record={record} changed={changed} conflict={conflict} shown={shown} />
      </TableCell>
    </TableRow>
  );
}

function LineNote({
  record,
  changed,
  conflict,
  shown,
}: {
  record: AttendanceRecord;
  changed: boolean;
  conflict: AttendanceRecord | undefined;
  shown: AttendanceStatus | null;
}) {
  const { t } = useTranslation();
  if (conflict && shown) {
    return (
      <strong>
        {t('attendance.sheet.changedMeanwhile', {
          name: conflict.recordedByName ?? '?',
          status: conflict.status ? t(`attendance.status.${conflict.status}`) : t('attendance.status.none'),
          choice: t(`attendance.status.${shown}`),
        })}
      </strong>
    );
  }
  const recorded =
    record.status && record.recordedAt
      ? t('attendance.sheet.recordedBy', {
          status: t(`attendance.status.${record.status}`),
          name: record.recordedByName ?? '?',
          when: formatMoment(record.recordedAt),
        })
      : t('attendance.status.none');
  return (
    <>
      {recorded}
      {changed && (
        <>
          {' '}
          <strong className="lg-attendance-line__unsaved">{t('attendance.sheet.unsaved')}</strong>
        </>
      )}
    </>
  );
}
