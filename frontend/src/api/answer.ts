// What every feature's queries do with an answer of the typed client (client.ts): its data, or an ApiError with
// the problem the server sent.
import { ApiError } from './ApiError';
import { asProblem } from './problem';

/** The If-Match header of a change based on a version; the server answers 412 when someone else changed it first. */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** The answer's data (undefined for 204), or an ApiError with the problem the server sent. */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(response.status, asProblem(error));
}

/** The same for answers without a body (204). */
export async function done(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, asProblem(error));
}
