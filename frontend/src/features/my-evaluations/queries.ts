import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { takeEarly } from '../../api/early';
import { fetchMyEvaluations, myEvaluationKeys } from './api';
import type { EvaluationAnswersInput, EvaluationDraft, EvaluationReceipt, MyEvaluation } from './types';

export { myEvaluationKeys };

/** One evaluation with the ETag of its draft (null while there is none): the next save is based on it. */
export interface LoadedEvaluation {
  evaluation: MyEvaluation;
  etag: string | null;
}

function fail(response: Response, error: unknown): never {
  throw new ApiError(response.status, asProblem(error));
}

/** The ETag the server sent, or one made from the version it reports in the body. */
function etagOf(response: Response, version: number | undefined): string | null {
  return response.headers.get('ETag') ?? (version === undefined ? null : `"${version}"`);
}

export const myEvaluationsQuery = () =>
  queryOptions({
    queryKey: myEvaluationKeys.list(),
    // On the participant's home the entry may have asked already (firstPage.ts).
    queryFn: () => takeEarly(myEvaluationKeys.list(), fetchMyEvaluations),
    staleTime: 30_000,
  });

export const myEvaluationQuery = (formId: string) =>
  queryOptions({
    queryKey: myEvaluationKeys.detail(formId),
    queryFn: async (): Promise<LoadedEvaluation> => {
      const { data, error, response } = await api.GET('/me/evaluations/{formID}', { params: { path: { formID: formId } } });
      if (!data) fail(response, error);
      return { evaluation: data, etag: data.draft ? etagOf(response, data.draft.version) : null };
    },
    // The draft may have been saved in another tab: always ask when the page opens.
    staleTime: 0,
    refetchOnWindowFocus: false,
  });

/** Saves the draft; the first save goes without If-Match, every later one with the ETag of the one before. */
export async function saveDraft(
  formId: string,
  body: EvaluationAnswersInput,
  etag: string | null,
): Promise<{ draft: EvaluationDraft; etag: string | null }> {
  const { data, error, response } = await api.PUT('/me/evaluations/{formID}/draft', {
    params: { path: { formID: formId }, header: etag ? { 'If-Match': etag } : {} },
    body,
  });
  if (!data) fail(response, error);
  return { draft: data, etag: etagOf(response, data.version) };
}

/** Sends the answers once; a retry with the same key gets the same receipt and stores nothing twice. */
export async function submitAnswers(formId: string, body: EvaluationAnswersInput, idempotencyKey: string): Promise<EvaluationReceipt> {
  const { data, error, response } = await api.POST('/me/evaluations/{formID}/submission', {
    params: { path: { formID: formId }, header: { 'Idempotency-Key': idempotencyKey } },
    body,
  });
  return data ?? fail(response, error);
}
