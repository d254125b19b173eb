import '../../i18n/staff';
import { Button, Heading, Paragraph, SelectOption, StatusBadge } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { fieldErrors } from '../../api/problem';
import { RouterLink } from '../../components/RouterLink';
import { cohortKeys } from '../cohorts/queries';
import { ConfirmButton } from '../../components/ConfirmButton';
import { SelectField } from '../../components/fields';
import { bookSpeaker, cancelBooking, plannerKeys } from './queries';
import type { Outcome } from './SavedAlert';
import type { Booking, BookingStatus, Session, Speaker } from './types';

// Every status is said in words; the badge colour only repeats it.
const badgeStatus: Record<BookingStatus, string> = {
  invited: 'warning',
  confirmed: 'valid',
  declined: 'neutral',
  cancelled: 'inactive',
};

/** A session's speakers: who is invited and how they answered, inviting another from the directory, withdrawing. */
export function BookingPanel({
  session,
  speakers,
  directoryPath,
  open,
  onOutcome,
}: {
  session: Session;
  speakers: Speaker[];
  directoryPath: string;
  /** Invitations can still be sent and withdrawn: the session is scheduled and has not started. */
  open: boolean;
  onOutcome: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const selectId = useId();
  const [speakerId, setSpeakerId] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const bookings = session.bookings ?? [];
  const active = new Set(
    bookings.filter((booking) => booking.status === 'invited' || booking.status === 'confirmed').map((b) => b.speakerId),
  );
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: plannerKeys.cohort(session.cohortId) }),
      queryClient.invalidateQueries({ queryKey: cohortKeys.detail(session.cohortId) }),
    ]);
  const failed = (error: unknown) =>
    onOutcome({
      at: session.id,
      kind: 'error',
      title: isApiError(error) ? (error.problem?.title ?? t('planner.form.failed')) : t('planner.form.network'),
      detail: isApiError(error) ? error.problem?.detail : undefined,
      warnings: [],
    });

  const invite = useMutation({
    mutationFn: (id: string) => bookSpeaker(session.id, id),
    onSuccess: async (created) => {
      await refresh();
      setSpeakerId('');
      setFieldError(undefined);
      onOutcome({
        at: session.id,
        kind: 'ok',
        title: t('planner.bookings.invited', { name: created.booking.speakerName }),
        detail: t('planner.bookings.invitedDetail'),
        warnings: created.warnings,
      });
    },
    onError: (error) => {
      const speakerProblem = isApiError(error) ? fieldErrors(error.problem).find((e) => e.field === 'speakerId') : undefined;
      if (speakerProblem) setFieldError(speakerProblem.message);
      else failed(error);
    },
  });

  const withdraw = useMutation({
    mutationFn: (booking: Booking) => cancelBooking(booking),
    onSuccess: async (booking) => {
      await refresh();
      onOutcome({ at: session.id, kind: 'ok', title: t('planner.bookings.withdrawn', { name: booking.speakerName }), warnings: [] });
    },
    onError: async (error) => {
      await refresh();
      failed(error);
    },
  });

  const choices = speakers.filter((speaker) => !active.has(speaker.id));
  return (
    <section aria-labelledby={headingId} className="lg-bookings">
      <Heading level={4} id={headingId} className="lg-bookings__heading">
        {t('planner.bookings.heading')}
      </Heading>
      {bookings.length === 0 ? (
        <Paragraph>{t('planner.bookings.none')}</Paragraph>
      ) : (
        <ul className="lg-booking-list">
          {bookings.map((booking) => (
            <li key={booking.id} className="lg-booking">
              <span className="lg-booking__name">{booking.speakerName}</span>{' '}
              <StatusBadge status={badgeStatus[booking.status]}>{t(`planner.bookings.status.${booking.status}`)}</StatusBadge>
              {open && (booking.status === 'invited' || booking.status === 'confirmed') && (
                <ConfirmButton
                  label={t('planner.bookings.withdraw', { name: booking.speakerName })}
                  question={t('planner.bookings.withdrawQuestion', { name: booking.speakerName })}
                  confirmLabel={t('planner.bookings.withdrawConfirm')}
                  cancelLabel={t('planner.bookings.withdrawKeep')}
                  busy={withdraw.isPending}
                  onConfirm={() => withdraw.mutate(booking)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form
          className="lg-invite"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (invite.isPending) return;
            if (speakerId === '') {
              setFieldError(t('planner.bookings.chooseSpeaker'));
              document.getElementById(selectId)?.focus();
              return;
            }
            invite.mutate(speakerId);
          }}
        >
          <SelectField
            id={selectId}
            label={t('planner.bookings.speaker')}
            value={speakerId}
            onChange={(event) => {
              setSpeakerId(event.target.value);
              setFieldError(undefined);
            }}
            error={fieldError}
          >
            <SelectOption value="">{t('planner.bookings.speakerPlaceholder')}</SelectOption>
            {choices.map((speaker) => (
              <SelectOption key={speaker.id} value={speaker.id}>
                {speaker.email
                  ? [speaker.name, speaker.organisation].filter(Boolean).join(', ')
                  : t('planner.bookings.noEmail', { name: speaker.name })}
              </SelectOption>
            ))}
          </SelectField>
          <Button type="submit" appearance="secondary-action-button" busy={invite.isPending}>
            {t('planner.bookings.invite')}
          </Button>
          <Paragraph small>
            <RouterLink to={directoryPath}>{t('planner.bookings.directoryLink')}</RouterLink>
          </Paragraph>
        </form>
      )}
    </section>
  );
}
