import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/ApiError';
import { saveDraft } from './queries';
import type { EvaluationAnswersInput, EvaluationDraft } from './types';

/** What the last autosave did, for the live region. */
export type AutosaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; error: unknown };

export const autosaveDelay = 1000;

/**
 * Saves the draft a second after the last change, one request at a time: a change while a save is under way
 * waits for it, so every save is based on the ETag of the one before (the first goes without If-Match).
 * A 412 means another tab saved in between: the page reloads the draft (onStale). Other refusals go to onError
 * and stop the saving of that change.
 */
export function useDraftAutosave({
  formId,
  initialEtag,
  onSaved,
  onStale,
  onError,
}: {
  formId: string;
  initialEtag: string | null;
  onSaved?: (draft: EvaluationDraft) => void;
  onStale: () => void;
  onError: (error: unknown) => void;
}) {
  const etag = useRef(initialEtag);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<EvaluationAnswersInput | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const stopped = useRef(false);
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'idle' });
  // The callbacks of the latest render, so a save that finishes later reports to the page as it is now.
  const handlers = useRef({ onSaved, onStale, onError });
  handlers.current = { onSaved, onStale, onError };

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    while (inFlight.current) await inFlight.current;
    const body = pending.current;
    if (!body || stopped.current) return;
    pending.current = null;
    setStatus({ kind: 'saving' });
    const run = (async () => {
      try {
        const saved = await saveDraft(formId, body, etag.current);
        etag.current = saved.etag;
        if (stopped.current) return;
        setStatus({ kind: 'saved', at: saved.draft.updatedAt });
        handlers.current.onSaved?.(saved.draft);
      } catch (error) {
        if (stopped.current) return;
        if (isApiError(error, 412)) {
          pending.current = null;
          setStatus({ kind: 'idle' });
          handlers.current.onStale();
          return;
        }
        // A lost connection: keep the change, so the next change or a retry sends it along.
        if (!isApiError(error)) pending.current ??= body;
        setStatus({ kind: 'failed', error });
        handlers.current.onError(error);
      }
    })();
    inFlight.current = run;
    try {
      await run;
    } finally {
      inFlight.current = null;
    }
  }, [formId]);

  /** A change to save in a second, replacing one that was waiting. */
  const schedule = useCallback(
    (body: EvaluationAnswersInput) => {
      if (stopped.current) return;
      pending.current = body;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), autosaveDelay);
    },
    [flush],
  );

  /** Forget a change that was waiting (the answers are being sent, or replaced by the server's draft). */
  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = null;
  }, []);

  /** No more saves while the answers are being sent. Waits for a save under way. */
  const stop = useCallback(async () => {
    cancel();
    stopped.current = true;
    while (inFlight.current) await inFlight.current;
  }, [cancel]);

  /** Saving again after a submission that did not go through. */
  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  const setEtag = useCallback((next: string | null) => {
    etag.current = next;
  }, []);

  // Leaving the page with a change still waiting: send it now rather than lose it.
  useEffect(
    () => () => {
      if (timer.current !== undefined && pending.current) void flush();
    },
    [flush],
  );

  return { schedule, flush, cancel, stop, resume, setEtag, status };
}
