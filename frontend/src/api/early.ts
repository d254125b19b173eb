// Answers that the entry (main.tsx) asked for before the app's code had arrived, each handed once to the query that
// needs it, so that the page does not ask the server a second time.
const answers = new Map<string, Promise<unknown>>();

/** Starts a request now and keeps its answer for the query with this key. */
export function startEarly(queryKey: readonly unknown[], request: () => Promise<unknown>): void {
  const answer = request();
  answer.catch(() => undefined); // a failure is the query's to report, if it ever asks; not an unhandled rejection
  answers.set(JSON.stringify(queryKey), answer);
}

/** The early answer for this query if there is one (only once), or else a new request. */
export function takeEarly<T>(queryKey: readonly unknown[], request: () => Promise<T>): Promise<T> {
  const key = JSON.stringify(queryKey);
  const answer = answers.get(key) as Promise<T> | undefined;
  answers.delete(key);
  return answer ?? request();
}

/** Drops the answers nobody took: they belong to whoever was signed in. */
export function forgetEarly(): void {
  answers.clear();
}
