import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextAreaField } from '../../components/fields';
import { clientProblem, fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';

/**
 * Rejecting a portrait takes a note to the participant (it is mailed to them), so the note is required: checked
 * here before sending, and again by the server. Focus starts in the note; a 412 offers the newest version.
 */
export function RejectForm({
  portraitId,
  published,
  onReject,
  onCancel,
  onReload,
}: {
  portraitId: string;
  published: boolean;
  onReject: (note: string) => Promise<void>;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId(`reject-${portraitId}`, field);

  const noteId = id('note');
  // Focus the note when the form opens, so keyboard users can write it at once.
  useEffect(() => {
    document.getElementById(noteId)?.focus();
  }, [noteId]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local = clientProblem(note.trim() === '' ? { note: t('portraitReview.reject.noteRequired') } : {});
    setProblem(local);
    setStale(false);
    if (local) return;
    setBusy(true);
    try {
      await onReject(note.trim());
    } catch (error) {
      setProblem(formProblem(error));
      setStale(isApiError(error, 412));
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-staff-form" aria-busy={busy}>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      {stale && (
        <Button type="button" appearance="secondary-action-button" onClick={onReload}>
          {t('portraitReview.reload')}
        </Button>
      )}
      <TextAreaField
        id={noteId}
        label={t('portraitReview.reject.note')}
        description={published ? t('portraitReview.reject.noteHintPublished') : t('portraitReview.reject.noteHint')}
        value={note}
        error={problem?.fields.note}
        required
        maxLength={2000}
        rows={4}
        onChange={(event) => setNote(event.target.value)}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" hint="danger" busy={busy}>
          {t('portraitReview.reject.submit')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('portraitReview.reject.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
