import '../../i18n/staff';
import { Button, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextAreaField, TextField } from '../../components/fields';
import { clientProblem, fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { ModuleListEditor } from './ModuleListEditor';
import { checkModules, fromTemplate, toTemplate, type ModuleDraft } from './moduleDraft';
import { adminKeys, programmeQuery, updateProgramme } from './queries';
import { SavedNote } from './SavedNote';
import type { Programme } from './types';

interface Draft {
  name: string;
  description: string;
  kAnonymity: string;
  modules: ModuleDraft[];
}

const draftOf = (p: Programme): Draft => ({
  name: p.name,
  description: p.description,
  kAnonymity: String(p.kAnonymity),
  modules: fromTemplate(p.modules),
});

/**
 * The programme's own fields and its module template, saved together with If-Match on the version the draft
 * started from: when someone else saved in between, nothing is overwritten and the newest version can be loaded.
 */
export function ProgrammeEditor({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [base, setBase] = useState(programme);
  const [draft, setDraft] = useState(() => draftOf(programme));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [stale, setStale] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('programme', field);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSavedAt(null);
    const k = Number(draft.kAnonymity);
    const local = clientProblem({
      ...(draft.name.trim() === '' ? { name: t('manage.programmes.errors.name') } : {}),
      ...(!Number.isInteger(k) || k < 2 || k > 100 ? { kAnonymity: t('manage.programmes.errors.kAnonymity') } : {}),
      ...checkModules(draft.modules),
    });
    setProblem(local);
    setStale(false);
    if (local) return;
    setBusy(true);
    try {
      const saved = await updateProgramme(base, {
        name: draft.name.trim(),
        description: draft.description.trim(),
        kAnonymity: k,
        modules: toTemplate(draft.modules),
      });
      queryClient.setQueryData(adminKeys.programme(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: adminKeys.programmes() });
      setBase(saved);
      setDraft(draftOf(saved));
      setSavedAt(Date.now());
    } catch (error) {
      setProblem(formProblem(error));
      setStale(isApiError(error, 412));
    } finally {
      setBusy(false);
    }
  }

  async function loadNewest() {
    const fresh = await queryClient.fetchQuery({ ...programmeQuery(programme.id), staleTime: 0 });
    setBase(fresh);
    setDraft(draftOf(fresh));
    setProblem(null);
    setStale(false);
  }

  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId}>{t('manage.programme.editTitle')}</Heading2>
      <Paragraph>{t('manage.programme.editIntro')}</Paragraph>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      {stale && (
        <Button type="button" appearance="secondary-action-button" onClick={() => void loadNewest()}>
          {t('manage.form.loadNewest')}
        </Button>
      )}
      {savedAt && <SavedNote key={savedAt} text={t('manage.programme.saved')} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <TextField
          id={id('name')}
          label={t('manage.programmes.name')}
          value={draft.name}
          error={problem?.fields.name}
          required
          maxLength={200}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        />
        <TextAreaField
          id={id('description')}
          label={t('manage.programmes.description')}
          value={draft.description}
          error={problem?.fields.description}
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
        />
        <TextField
          id={id('kAnonymity')}
          label={t('manage.programmes.kAnonymity')}
          description={t('manage.programmes.kAnonymityHint')}
          inputMode="numeric"
          value={draft.kAnonymity}
          error={problem?.fields.kAnonymity}
          onChange={(event) => setDraft({ ...draft, kAnonymity: event.target.value })}
        />
        <Heading3 className="lg-admin-subheading">{t('manage.programme.template')}</Heading3>
        <Paragraph className="lg-admin-note">{t('manage.programme.templateIntro')}</Paragraph>
        <ModuleListEditor
          idPrefix="programme"
          modules={draft.modules}
          onChange={(modules) => setDraft({ ...draft, modules })}
          errors={problem?.fields ?? {}}
        />
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('manage.programme.save')}
        </Button>
      </form>
    </section>
  );
}
