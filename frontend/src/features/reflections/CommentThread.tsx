import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { fieldErrors } from '../../api/problem';
import { ConfirmButton } from '../../components/ConfirmButton';
import { currentLanguage } from '../../i18n';
import { TextAreaField } from '../../components/fields';
import { formatInstant } from '../goals/format';
import { commentActions } from './comments';
import { addComment, deleteComment, reflectionKeys, reflectionsChanged, updateComment } from './queries';
import type { Comment, ReflectionDetail } from './types';

type Change =
  | { kind: 'add'; body: string }
  | { kind: 'edit'; comment: Comment; body: string }
  | { kind: 'delete'; comment: Comment };

interface Failure {
  title: string;
  detail?: string | undefined;
  stale: boolean;
}

/**
 * The comments under a reflection, oldest first. Everyone who may read the reflection comments; one edits
 * one's own comments and deletes them, and the reflection's author may delete any comment on it. A deleted
 * comment stays as "Reactie verwijderd", so the thread still reads in order.
 */
export function CommentThread({ reflection, headingId }: { reflection: ReflectionDetail; headingId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const [body, setBody] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [said, setSaid] = useState('');
  const [focusId, setFocusId] = useState<{ id: string } | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusId) document.getElementById(focusId.id)?.focus();
  }, [focusId]);

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const change = useMutation({
    mutationFn: async (next: Change): Promise<void> => {
      if (next.kind === 'add') await addComment(reflection.id, next.body);
      else if (next.kind === 'edit') await updateComment(reflection.id, next.comment, next.body);
      else await deleteComment(reflection.id, next.comment);
    },
    onSuccess: async (_, next) => {
      await reflectionsChanged(queryClient, reflection.id);
      setFailure(null);
      if (next.kind === 'add') {
        setBody('');
        setSaid(t('reflections.comments.added'));
      } else if (next.kind === 'edit') {
        setEditing(null);
        setSaid(t('reflections.comments.saved'));
        setFocusId({ id: `${prefix}-edit-${next.comment.id}` });
      } else {
        setSaid(t('reflections.comments.deleted'));
        setFocusId({ id: headingId });
      }
    },
    onError: (error) => {
      if (isApiError(error, 412)) {
        setFailure({ title: t('learningNav.stale.title'), detail: t('reflections.comments.staleDetail'), stale: true });
      } else if (isApiError(error)) {
        const messages = fieldErrors(error.problem).map((field) => field.message);
        const detail = [error.problem?.detail, ...messages].filter(Boolean).join(' ') || undefined;
        setFailure({ title: error.problem?.title ?? t('learningNav.form.unexpected'), detail, stale: false });
      } else {
        setFailure({ title: t('learningNav.form.network'), stale: false });
      }
    },
  });

  function run(next: Change) {
    if (!change.isPending) change.mutate(next);
  }

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim()) {
      setFailure({ title: t('reflections.comments.empty'), stale: false });
      return;
    }
    run({ kind: 'add', body: body.trim() });
  }

  async function reload() {
    await queryClient.invalidateQueries({ queryKey: reflectionKeys.detail(reflection.id) });
    setFailure(null);
    setEditing(null);
    setFocusId({ id: headingId });
  }

  const lng = currentLanguage();

  return (
    <>
      {failure && (
        <Alert type="error" role="alert" ref={failureRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{failure.title}</strong>
          </Paragraph>
          {failure.detail && <Paragraph>{failure.detail}</Paragraph>}
          {failure.stale && (
            <Button type="button" appearance="secondary-action-button" onClick={() => void reload()}>
              {t('learningNav.stale.reload')}
            </Button>
          )}
        </Alert>
      )}
      <p role="status" className="lg-visually-hidden">
        {said}
      </p>
      {reflection.comments.length === 0 ? (
        <Paragraph>{t('reflections.comments.none')}</Paragraph>
      ) : (
        <ol className="lg-comment-list">
          {reflection.comments.map((comment) => {
            const actions = commentActions(reflection, comment);
            if (comment.deleted) {
              return (
                <li key={comment.id} className="lg-comment lg-comment--deleted">
                  <Paragraph>{t('reflections.comments.removed')}</Paragraph>
                </li>
              );
            }
            return (
              <li key={comment.id} className="lg-comment">
                <Paragraph className="lg-comment__meta">
                  <strong>{comment.mine ? t('reflections.comments.you') : comment.author.name}</strong>
                  {' · '}
                  <time dateTime={comment.createdAt}>{formatInstant(comment.createdAt, lng)}</time>
                  {comment.updatedAt !== comment.createdAt && <> · {t('reflections.comments.edited')}</>}
                </Paragraph>
                {editing === comment.id ? (
                  <EditComment
                    id={`${prefix}-editing-${comment.id}`}
                    comment={comment}
                    busy={change.isPending}
                    onSave={(next) => run({ kind: 'edit', comment, body: next })}
                    onCancel={() => {
                      setEditing(null);
                      setFocusId({ id: `${prefix}-edit-${comment.id}` });
                    }}
                  />
                ) : (
                  <>
                    <Paragraph className="lg-comment__body">{comment.body}</Paragraph>
                    {(actions.edit || actions.delete) && (
                      <ButtonGroup className="lg-comment__actions">
                        {actions.edit && (
                          <Button
                            id={`${prefix}-edit-${comment.id}`}
                            type="button"
                            appearance="subtle-button"
                            onClick={() => setEditing(comment.id)}
                          >
                            {t('reflections.comments.edit')}
                          </Button>
                        )}
                        {actions.delete && (
                          <ConfirmButton
                            label={t('reflections.comments.delete')}
                            ariaLabel={
                              comment.mine
                                ? t('reflections.comments.deleteOwnLabel')
                                : t('reflections.comments.deleteOfLabel', { name: comment.author.name })
                            }
                            question={t('reflections.comments.deleteQuestion')}
                            confirmLabel={t('reflections.comments.deleteConfirm')}
                            cancelLabel={t('learningNav.form.keep')}
                            busy={change.isPending}
                            onConfirm={() => run({ kind: 'delete', comment })}
                          />
                        )}
                      </ButtonGroup>
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <form noValidate onSubmit={onAdd} className="lg-form lg-comment-form">
        <TextAreaField
          id={`${prefix}-new`}
          label={t('reflections.comments.new')}
          description={t('reflections.comments.newHelp')}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          rows={4}
          maxLength={10000}
        />
        <Button type="submit" appearance="primary-action-button" busy={change.isPending}>
          {t('reflections.comments.add')}
        </Button>
      </form>
    </>
  );
}

function EditComment({
  id,
  comment,
  busy,
  onSave,
  onCancel,
}: {
  id: string;
  comment: Comment;
  busy: boolean;
  onSave: (body: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState(comment.body);
  const [empty, setEmpty] = useState(false);
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, [id]);
  return (
    <form
      noValidate
      className="lg-comment__edit"
      onSubmit={(event) => {
        event.preventDefault();
        setEmpty(!body.trim());
        if (body.trim()) onSave(body.trim());
        else document.getElementById(id)?.focus();
      }}
    >
      <TextAreaField
        id={id}
        label={t('reflections.comments.editLabel')}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={empty ? t('reflections.comments.empty') : undefined}
        rows={4}
        maxLength={10000}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('reflections.comments.saveEdit')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('learningNav.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
