import '../../i18n/staff';
import { Button, ButtonGroup, Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { fieldErrors } from '../../api/problem';
import { FieldErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { TextAreaField, TextField } from '../../components/fields';
import { createSpeaker, speakerKeys, updateSpeaker, type Speaker, type SpeakerInput } from './queries';

const fields = ['name', 'roleTitle', 'organisation', 'bio', 'topics', 'email', 'phone'] as const;
type Field = (typeof fields)[number];
type Draft = Record<Field, string>;

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function draftOf(speaker?: Speaker): Draft {
  return {
    name: speaker?.name ?? '',
    roleTitle: speaker?.roleTitle ?? '',
    organisation: speaker?.organisation ?? '',
    bio: speaker?.bio ?? '',
    topics: speaker?.topics.join('\n') ?? '',
    email: speaker?.email ?? '',
    phone: speaker?.phone ?? '',
  };
}

function inputOf(draft: Draft): Omit<SpeakerInput, 'shared'> {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    name: draft.name.trim(),
    roleTitle: draft.roleTitle.trim(),
    organisation: draft.organisation.trim(),
    bio: draft.bio.trim(),
    topics: draft.topics
      .split('\n')
      .map((topic) => topic.trim())
      .filter(Boolean),
    email: optional(draft.email),
    phone: optional(draft.phone),
  };
}

/** i18n keys of what to fix; the server checks again and its messages are shown as sent. */
export function validateSpeaker(draft: Draft): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (draft.name.trim() === '') errors.name = 'planner.speakers.errors.nameRequired';
  if (draft.email.trim() !== '' && !emailShape.test(draft.email.trim())) errors.email = 'planner.speakers.errors.emailInvalid';
  return errors;
}

/**
 * Adds a speaker or changes one. The public profile and the contact details are separate groups, each saying
 * who will see it.
 */
export function SpeakerForm({
  programmeId,
  speaker,
  canShare,
  onSaved,
  onCancel,
}: {
  programmeId: string;
  speaker?: Speaker;
  /** Admins may put a new speaker in the shared directory of all programmes. */
  canShare: boolean;
  onSaved: (speaker: Speaker) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const idOf = (field: Field | 'shared') => `${prefix}-${field}`;
  const [draft, setDraft] = useState<Draft>(() => draftOf(speaker));
  const [shared, setShared] = useState(false);
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string | undefined } | null>(null);
  const [shown, setShown] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown > 0) alertRef.current?.focus();
  }, [shown]);

  // The button that opened the form is gone: start keyboard users at its first field.
  useEffect(() => {
    document.getElementById(`${prefix}-name`)?.focus();
  }, [prefix]);

  const save = useMutation({
    mutationFn: (next: Draft) =>
      speaker ? updateSpeaker(speaker, inputOf(next)) : createSpeaker(programmeId, { ...inputOf(next), shared }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: speakerKeys.all });
      onSaved(saved);
    },
    onError: (error) => {
      const byField: Partial<Record<Field, string>> = {};
      const other: string[] = [];
      if (isApiError(error)) {
        for (const { field, message } of fieldErrors(error.problem)) {
          if ((fields as readonly string[]).includes(field)) byField[field as Field] = message;
          else other.push(message);
        }
      }
      setServerErrors(byField);
      if (isApiError(error, 412)) void queryClient.invalidateQueries({ queryKey: speakerKeys.all });
      setFailure(
        isApiError(error)
          ? {
              title: error.problem?.title ?? t('planner.form.failed'),
              detail: [error.problem?.detail, ...other].filter(Boolean).join(' ') || undefined,
            }
          : { title: t('planner.form.network') },
      );
      setShown((n) => n + 1);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const errors = validateSpeaker(draft);
    setClientErrors(errors);
    setServerErrors({});
    setFailure(null);
    if (Object.keys(errors).length > 0) {
      setShown((n) => n + 1);
      return;
    }
    save.mutate(draft);
  }

  const errorOf = (field: Field) => (clientErrors[field] ? t(clientErrors[field]) : serverErrors[field]);
  const summary: SummaryItem[] = fields.flatMap((field) => {
    const message = errorOf(field);
    return message ? [{ id: idOf(field), message }] : [];
  });
  const text = (field: Field) => ({
    id: idOf(field),
    value: draft[field],
    error: errorOf(field),
    onChange: (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value })),
  });

  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-session-form" aria-busy={save.isPending}>
      {(failure || summary.length > 0) && (
        <FieldErrorSummary
          alertRef={alertRef}
          title={failure?.title ?? t('planner.form.summaryTitle')}
          detail={failure?.detail}
          items={summary}
        />
      )}
      <Fieldset className="lg-fieldset">
        <FieldsetLegend>{t('planner.speakers.public')}</FieldsetLegend>
        <Paragraph small>{t('planner.speakers.publicHelp')}</Paragraph>
        <TextField {...text('name')} label={t('planner.speakers.name')} maxLength={200} required />
        <TextField {...text('roleTitle')} label={t('planner.speakers.roleTitle')} maxLength={300} />
        <TextField {...text('organisation')} label={t('planner.speakers.organisation')} maxLength={200} />
        <TextAreaField {...text('bio')} label={t('planner.speakers.bio')} rows={4} />
        <TextAreaField {...text('topics')} label={t('planner.speakers.topics')} description={t('planner.form.topicsHelp')} rows={3} />
      </Fieldset>
      <Fieldset className="lg-fieldset">
        <FieldsetLegend>{t('planner.speakers.private')}</FieldsetLegend>
        <Paragraph small>{t('planner.speakers.privateHelp')}</Paragraph>
        <TextField {...text('email')} type="email" label={t('planner.speakers.email')} autoComplete="off" maxLength={254} />
        <TextField {...text('phone')} type="tel" label={t('planner.speakers.phone')} autoComplete="off" maxLength={40} />
      </Fieldset>
      {canShare && !speaker && (
        <FormField type="checkbox" className="lg-checkbox">
          <FormLabel htmlFor={idOf('shared')} type="checkbox">
            <Checkbox id={idOf('shared')} checked={shared} onChange={(event) => setShared(event.target.checked)} />{' '}
            {t('planner.speakers.shared')}
          </FormLabel>
        </FormField>
      )}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
          {save.isPending ? t('planner.form.saving') : speaker ? t('planner.form.saveChanges') : t('planner.speakers.add')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('planner.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
