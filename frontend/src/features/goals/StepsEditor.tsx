import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormFieldDescription,
  FormLabel,
  Paragraph,
} from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { fieldErrors } from '../../api/problem';
import { currentLanguage } from '../../i18n';
import { TextField } from '../../components/fields';
import { formatInstant } from './format';
import { addStep, deleteStep, goalChanged, goalQuery, updateStep } from './queries';
import type { Goal, GoalStep, GoalStepPatch } from './types';

type Change =
  | { kind: 'add'; title: string }
  | { kind: 'tick'; step: GoalStep; done: boolean }
  | { kind: 'rename'; step: GoalStep; title: string }
  | { kind: 'move'; step: GoalStep; position: number }
  | { kind: 'delete'; step: GoalStep };

interface Failure {
  title: string;
  detail?: string | undefined;
  stale: boolean;
}

/** Which control gets focus after a change: the same control of the same step, wherever it moved to. */
interface FocusTarget {
  stepId: string | null;
  control: 'box' | 'up' | 'down' | 'rename' | 'add' | 'heading';
  /** The goal version the target belongs to. */
  version: number;
}

/**
 * The small steps of a goal: tick off, rename, move, delete and add, each its own request based on the goal's
 * current version (If-Match). The answer is the whole goal with its new version, so the next change builds on
 * it; a 412 means the goal changed elsewhere, and the editor offers the latest version instead of guessing.
 */
export function StepsEditor({ goal, headingId }: { goal: Goal; headingId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [said, setSaid] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  const controlId = (target: Omit<FocusTarget, 'version'>) =>
    target.control === 'add'
      ? `${prefix}-new`
      : target.control === 'heading'
        ? headingId
        : `${prefix}-${target.control}-${target.stepId ?? ''}`;

  useEffect(() => {
    // Wait until the goal that answered the change is on screen: the cache's update renders a moment later.
    if (!focus || goal.version < focus.version) return;
    // A step moved to the top has no "up" button any more (nor "down" at the bottom): then the other one, else
    // its checkbox.
    const other = focus.control === 'up' ? 'down' : focus.control === 'down' ? 'up' : null;
    const element =
      document.getElementById(controlId(focus)) ??
      (other ? document.getElementById(controlId({ ...focus, control: other })) : null) ??
      document.getElementById(`${prefix}-box-${focus.stepId ?? ''}`);
    element?.focus();
  }, [focus, goal.version]);

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const change = useMutation({
    mutationFn: (next: Change): Promise<Goal> => {
      if (next.kind === 'add') return addStep(goal, next.title);
      if (next.kind === 'delete') return deleteStep(goal, next.step.id);
      const patch: GoalStepPatch =
        next.kind === 'tick' ? { done: next.done } : next.kind === 'rename' ? { title: next.title } : { position: next.position };
      return updateStep(goal, next.step.id, patch);
    },
    onSuccess: async (saved, next) => {
      await goalChanged(queryClient, saved);
      setFailure(null);
      setSaid(doneText(next));
      if (next.kind === 'add') setNewTitle('');
      if (next.kind === 'rename') setRenaming(null);
      setFocus({ ...focusAfter(next), version: saved.version });
    },
    onError: (error) => {
      if (isApiError(error, 412)) {
        setFailure({ title: t('learningNav.stale.title'), detail: t('learningNav.stale.detail'), stale: true });
      } else if (isApiError(error)) {
        const messages = fieldErrors(error.problem).map((field) => field.message);
        const detail = [error.problem?.detail, ...messages].filter(Boolean).join(' ') || undefined;
        setFailure({ title: error.problem?.title ?? t('learningNav.form.unexpected'), detail, stale: false });
      } else {
        setFailure({ title: t('learningNav.form.network'), stale: false });
      }
    },
  });

  const reload = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...goalQuery(goal.id), staleTime: 0 }),
    onSuccess: async (fresh) => {
      await goalChanged(queryClient, fresh);
      setFailure(null);
      setRenaming(null);
      setSaid(t('goals.steps.reloaded'));
      setFocus({ stepId: null, control: 'heading', version: fresh.version });
    },
  });

  function doneText(next: Change): string {
    switch (next.kind) {
      case 'add':
        return t('goals.steps.added', { title: next.title });
      case 'tick':
        return next.done ? t('goals.steps.ticked', { title: next.step.title }) : t('goals.steps.unticked', { title: next.step.title });
      case 'rename':
        return t('goals.steps.renamed', { title: next.title });
      case 'move':
        return t('goals.steps.moved', { title: next.step.title, position: next.position, count: goal.steps.length });
      case 'delete':
        return t('goals.steps.deleted', { title: next.step.title });
    }
  }

  function focusAfter(next: Change): Omit<FocusTarget, 'version'> {
    switch (next.kind) {
      case 'add':
        return { stepId: null, control: 'add' };
      case 'tick':
        return { stepId: next.step.id, control: 'box' };
      case 'rename':
        return { stepId: next.step.id, control: 'rename' };
      case 'move':
        return { stepId: next.step.id, control: next.position < next.step.position ? 'up' : 'down' };
      case 'delete':
        return { stepId: null, control: 'add' };
    }
  }

  function run(next: Change) {
    if (change.isPending || reload.isPending) return; // one change at a time: each builds on the previous version
    change.mutate(next);
  }

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = newTitle.trim();
    if (!title) {
      setFailure({ title: t('goals.steps.titleRequired'), stale: false });
      return;
    }
    run({ kind: 'add', title });
  }

  const steps = [...goal.steps].sort((a, b) => a.position - b.position);
  const lng = currentLanguage();

  return (
    <div className="lg-steps" aria-busy={change.isPending}>
      {failure && (
        <Alert type="error" role="alert" ref={failureRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{failure.title}</strong>
          </Paragraph>
          {failure.detail && <Paragraph>{failure.detail}</Paragraph>}
          {failure.stale && (
            <Button type="button" appearance="secondary-action-button" busy={reload.isPending} onClick={() => reload.mutate()}>
              {t('learningNav.stale.reload')}
            </Button>
          )}
        </Alert>
      )}
      <p role="status" className="lg-visually-hidden">
        {said}
      </p>
      {steps.length === 0 ? (
        <Paragraph>{t('goals.steps.none')}</Paragraph>
      ) : (
        <ol className="lg-steps__list">
          {steps.map((step, index) => (
            <li key={step.id} className={step.done ? 'lg-step lg-step--done' : 'lg-step'}>
              {renaming === step.id ? (
                <RenameStep
                  id={`${prefix}-renaming-${step.id}`}
                  step={step}
                  busy={change.isPending}
                  onSave={(title) => run({ kind: 'rename', step, title })}
                  onCancel={() => {
                    setRenaming(null);
                    setFocus({ stepId: step.id, control: 'rename', version: goal.version });
                  }}
                />
              ) : (
                <>
                  <FormField type="checkbox" className="lg-checkbox lg-step__box">
                    <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                      <FormLabel htmlFor={`${prefix}-box-${step.id}`} type="checkbox">
                        <Checkbox
                          id={`${prefix}-box-${step.id}`}
                          className="utrecht-form-field__input"
                          checked={step.done}
                          aria-describedby={step.done && step.doneAt ? `${prefix}-done-${step.id}` : undefined}
                          onChange={(event) => run({ kind: 'tick', step, done: event.target.checked })}
                        />{' '}
                        <span className="lg-step__title">{step.title}</span>
                      </FormLabel>
                    </div>
                    {step.done && step.doneAt && (
                      <FormFieldDescription id={`${prefix}-done-${step.id}`} className="utrecht-form-field__description">
                        {t('goals.steps.doneAt', { when: formatInstant(step.doneAt, lng) })}
                      </FormFieldDescription>
                    )}
                  </FormField>
                  <ButtonGroup className="lg-step__actions">
                    {index > 0 && (
                      <Button
                        id={`${prefix}-up-${step.id}`}
                        type="button"
                        appearance="subtle-button"
                        aria-label={t('goals.steps.upLabel', { title: step.title })}
                        onClick={() => run({ kind: 'move', step, position: step.position - 1 })}
                      >
                        {t('goals.steps.up')}
                      </Button>
                    )}
                    {index < steps.length - 1 && (
                      <Button
                        id={`${prefix}-down-${step.id}`}
                        type="button"
                        appearance="subtle-button"
                        aria-label={t('goals.steps.downLabel', { title: step.title })}
                        onClick={() => run({ kind: 'move', step, position: step.position + 1 })}
                      >
                        {t('goals.steps.down')}
                      </Button>
                    )}
                    <Button
                      id={`${prefix}-rename-${step.id}`}
                      type="button"
                      appearance="subtle-button"
                      aria-label={t('goals.steps.renameLabel', { title: step.title })}
                      onClick={() => setRenaming(step.id)}
                    >
                      {t('goals.steps.rename')}
                    </Button>
                    <Button
                      type="button"
                      appearance="subtle-button"
                      aria-label={t('goals.steps.deleteLabel', { title: step.title })}
                      onClick={() => run({ kind: 'delete', step })}
                    >
                      {t('goals.steps.delete')}
                    </Button>
                  </ButtonGroup>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <form noValidate onSubmit={onAdd} className="lg-steps__add">
        <TextField
          id={`${prefix}-new`}
          label={t('goals.steps.newLabel')}
          value={newTitle}
          onChange={(event) => setNewTitle(event.target.value)}
          maxLength={300}
        />
        <Button type="submit" appearance="secondary-action-button" busy={change.isPending} disabled={goal.steps.length >= 50}>
          {t('goals.steps.add')}
        </Button>
      </form>
    </div>
  );
}

function RenameStep({
  id,
  step,
  busy,
  onSave,
  onCancel,
}: {
  id: string;
  step: GoalStep;
  busy: boolean;
  onSave: (title: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(step.title);
  const [empty, setEmpty] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  return (
    <form
      noValidate
      className="lg-step__rename"
      onSubmit={(event) => {
        event.preventDefault();
        setEmpty(!title.trim());
        if (title.trim()) onSave(title.trim());
        else inputRef.current?.focus();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <TextField
        id={id}
        inputRef={inputRef}
        label={t('goals.steps.renameField', { title: step.title })}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={empty ? t('goals.steps.titleRequired') : undefined}
        maxLength={300}
        required
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('goals.steps.renameSave')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('learningNav.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
