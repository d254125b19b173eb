import { Alert, Button, ButtonGroup, Fieldset, FieldsetLegend, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../components/fields';
import { fieldDomId } from '../../components/formProblem';
import {
  draftOfForm,
  emptyChoice,
  emptyFormDraft,
  inputField,
  inputOfForm,
  moveItem,
  newQuestion,
  updateChoice,
  updateQuestion,
  validateForm,
  type FormDraft,
  type QuestionDraft,
} from './formDraft';
import { clientProblem, saveProblem, type SaveProblem } from './problems';
import { ProblemSummary } from './ProblemSummary';
import { QuestionEditor, type QuestionActions } from './QuestionEditor';
import { createTemplate, evaluationKeys, formQuery, updateForm } from './queries';
import { questionKinds, type EvaluationForm } from './types';

/**
 * Writes a new evaluation form template, or changes a form. Problems are summarised at the top (focused, each a
 * link to its input) and shown at the inputs. A form with answers says what may still change; the server's
 * refusal (409) lists what it would not accept. A form changed elsewhere in the meantime is never overwritten:
 * the page says so and offers the newest version.
 */
export function FormBuilder({
  programmeId,
  form,
  onSaved,
  onCancel,
  revise,
}: {
  programmeId: string;
  /** The form to change; absent for a new template. */
  form?: EvaluationForm;
  onSaved: (form: EvaluationForm, created: boolean) => void;
  onCancel: () => void;
  /** For a template with answers: start its next version instead. */
  revise?: { busy: boolean; run: () => void };
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const [base, setBase] = useState<EvaluationForm | undefined>(form);
  const [draft, setDraft] = useState<FormDraft>(() => (form ? draftOfForm(form) : emptyFormDraft()));
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusId, setFocusId] = useState<{ id: string } | null>(null);
  const locked = base?.locked ?? false;

  const id = (field: string) => fieldDomId(prefix, field);
  const linkId = (field: string) => id(inputField(field, draft));
  const buttonId = (uid: string, action: string) => `${prefix}-${uid}-${action}`;
  const errorOf = (field: string) => problem?.fields[field];

  useEffect(() => {
    if (!focusId) return;
    const target = document.getElementById(focusId.id) as HTMLButtonElement | null;
    // A move to the top or bottom disables the button that did it: then its partner takes focus.
    const partner = focusId.id.endsWith('-up') ? focusId.id.replace(/-up$/, '-down') : focusId.id.replace(/-down$/, '-up');
    (target && !target.disabled ? target : document.getElementById(partner))?.focus();
  }, [focusId]);

  const save = useMutation({
    mutationFn: (next: FormDraft) => (base ? updateForm(base, inputOfForm(next)) : createTemplate(programmeId, inputOfForm(next))),
    onSuccess: async (saved) => {
      queryClient.setQueryData(evaluationKeys.form(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.templates(saved.programmeId) });
      if (saved.cohortId) await queryClient.invalidateQueries({ queryKey: evaluationKeys.cohortForms(saved.cohortId) });
      const created = !base;
      if (base) {
        setBase(saved);
        setDraft(draftOfForm(saved));
        setProblem(null);
      }
      onSaved(saved, created);
    },
    onError: (error) => setProblem(saveProblem(error)),
  });

  const reload = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...formQuery(base!.id), staleTime: 0 }),
    onSuccess: (fresh) => {
      setBase(fresh);
      setDraft(draftOfForm(fresh));
      setProblem(null);
      setAnnouncement(t('evaluations.stale.reloaded'));
    },
    onError: (error) => setProblem(saveProblem(error)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const invalid = clientProblem(validateForm(draft));
    setProblem(invalid);
    if (!invalid) save.mutate(draft);
  }

  const titleOf = (question: QuestionDraft, index: number) =>
    question.prompt.trim() || t('evaluations.builder.untitledN', { n: index + 1 });

  function actionsFor(question: QuestionDraft, index: number): QuestionActions {
    return {
      change: (change) => setDraft((current) => updateQuestion(current, question.uid, change)),
      changeChoice: (choiceUid, change) => setDraft((current) => updateChoice(current, question.uid, choiceUid, change)),
      addChoice: () => {
        setDraft((current) => updateQuestion(current, question.uid, { choices: [...question.choices, emptyChoice()] }));
        setFocusId({ id: id(`questions[${index}].choices[${question.choices.length}].label`) });
      },
      removeChoice: (choice, j) => {
        setDraft((current) => updateQuestion(current, question.uid, { choices: question.choices.filter((c) => c.uid !== choice.uid) }));
        setAnnouncement(t('evaluations.builder.choiceRemoved', { n: j + 1 }));
        setFocusId({ id: id(`questions[${index}].addChoice`) });
      },
      moveChoice: (choice, j, delta) => {
        setDraft((current) => updateQuestion(current, question.uid, { choices: moveItem(question.choices, choice.uid, delta) }));
        setAnnouncement(t('evaluations.builder.choiceMoved', { label: choice.label.trim() || j + 1, position: j + 1 + delta }));
        setFocusId({ id: buttonId(choice.uid, delta < 0 ? 'up' : 'down') });
      },
      move: (delta) => {
        setDraft((current) => ({ ...current, questions: moveItem(current.questions, question.uid, delta) }));
        setAnnouncement(
          t('evaluations.builder.moved', { title: titleOf(question, index), position: index + 1 + delta, count: draft.questions.length }),
        );
        setFocusId({ id: buttonId(question.uid, delta < 0 ? 'up' : 'down') });
      },
      remove: () => {
        setDraft((current) => ({ ...current, questions: current.questions.filter((q) => q.uid !== question.uid) }));
        setAnnouncement(t('evaluations.builder.removed', { title: titleOf(question, index) }));
        setFocusId({ id: id('addQuestion') });
      },
    };
  }

  const questionsHeading = `${prefix}-questions`;
  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-eval-builder" aria-busy={save.isPending}>
      {problem && <ProblemSummary problem={problem} fieldId={linkId} />}
      {problem?.stale && base && (
        <Button type="button" appearance="secondary-action-button" busy={reload.isPending} onClick={() => reload.mutate()}>
          {t('evaluations.stale.reload')}
        </Button>
      )}
      {locked && base && (
        <Alert type="info" className="lg-alert lg-eval-locked">
          <Paragraph>
            <strong>{t('evaluations.builder.lockedTitle', { count: base.responses })}</strong>
          </Paragraph>
          <Paragraph>{t('evaluations.builder.lockedAllowed')}</Paragraph>
          <Paragraph>{t(base.isTemplate ? 'evaluations.builder.lockedTemplate' : 'evaluations.builder.lockedCopy')}</Paragraph>
          {revise && (
            <Button type="button" appearance="secondary-action-button" busy={revise.busy} onClick={revise.run}>
              {t('evaluations.templates.revise')}
            </Button>
          )}
        </Alert>
      )}
      <TextField
        id={id('title')}
        label={t('evaluations.builder.title')}
        value={draft.title}
        maxLength={200}
        required
        error={errorOf('title')}
        onChange={(event) => setDraft((current) => ({ ...current, title: event.target.value }))}
      />
      <TextAreaField
        id={id('description')}
        label={t('evaluations.builder.description')}
        description={t('evaluations.builder.descriptionHint')}
        value={draft.description}
        rows={3}
        maxLength={5000}
        error={errorOf('description')}
        onChange={(event) => setDraft((current) => ({ ...current, description: event.target.value }))}
      />

      <section aria-labelledby={questionsHeading} className="lg-eval-questions">
        <Heading2 id={questionsHeading}>{t('evaluations.builder.questions')}</Heading2>
        <p role="status" aria-live="polite" className="lg-eval-visually-hidden">
          {announcement}
        </p>
        {errorOf('questions') && <Paragraph className="lg-eval-inline-error">{errorOf('questions')}</Paragraph>}
        {draft.questions.length === 0 ? (
          <Paragraph>{t('evaluations.builder.noQuestions')}</Paragraph>
        ) : (
          <ol className="lg-eval-question-list">
            {draft.questions.map((question, index) => (
              <QuestionEditor
                key={question.uid}
                question={question}
                index={index}
                count={draft.questions.length}
                locked={locked}
                id={id}
                buttonId={buttonId}
                errorOf={errorOf}
                actions={actionsFor(question, index)}
              />
            ))}
          </ol>
        )}
        <Fieldset className="lg-eval-add">
          <FieldsetLegend>{t('evaluations.builder.add')}</FieldsetLegend>
          <ButtonGroup>
            {questionKinds.map((kind, index) => (
              <Button
                key={kind}
                id={index === 0 ? id('addQuestion') : undefined}
                type="button"
                appearance="secondary-action-button"
                disabled={draft.questions.length >= 50}
                onClick={() => {
                  const at = draft.questions.length;
                  setDraft((current) => ({ ...current, questions: [...current.questions, newQuestion(kind)] }));
                  setAnnouncement(t('evaluations.builder.added', { n: at + 1, kind: t(`evaluations.kind.${kind}`) }));
                  setFocusId({ id: id(`questions[${at}].prompt`) });
                }}
              >
                {t(`evaluations.builder.addKind.${kind}`)}
              </Button>
            ))}
          </ButtonGroup>
        </Fieldset>
      </section>

      <ButtonGroup className="lg-eval-submit">
        <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
          {save.isPending ? t('evaluations.form.saving') : t('evaluations.builder.save')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('evaluations.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
