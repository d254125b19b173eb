/*
 * Automatic retry of transient failures, for requests that carry an Idempotency-Key only: the server stores the
 * first 2xx answer per key and replays it, so a retry of a request whose answer got lost never acts twice. Without
 * a key a lost answer could mean the server did act, so such requests are never retried here.
 */

export const retryPolicy = {
  /** Wait before each retry; its length is the number of retries. */
  delaysMs: [500, 1500],
  /** A longer Retry-After is cut to this: a user waiting on a button should hear back within seconds. */
  maxRetryAfterMs: 3000,
};

/**
 * How long to wait before retrying `response`, or null when retrying cannot help. A 503 means the server could not
 * act now; a 409 with Retry-After is the idempotency layer saying the first request with this key is still
 * running (other 409s are real conflicts and carry no Retry-After).
 */
function retryDelay(response: Response, backoffMs: number): number | null {
  const retryAfter = response.headers.get('Retry-After');
  if (response.status !== 503 && !(response.status === 409 && retryAfter !== null)) return null;
  const asked = retryAfterMs(retryAfter);
  return asked === null ? backoffMs : Math.max(backoffMs, Math.min(asked, retryPolicy.maxRetryAfterMs));
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
function retryAfterMs(value: string | null): number | null {
  if (value === null) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Wraps `send` so that a request with an Idempotency-Key is sent again, with the same key, after a network error
 * (fetch rejects), a 503 or an idempotency 409, up to `retryPolicy.delaysMs.length` more times. What the last try
 * gives (response or error) is what the caller gets. A request the caller aborts is not retried.
 */
export function withRetries(send: typeof fetch): (request: Request, init?: RequestInit) => Promise<Response> {
  return async (request, init) => {
    if (!request.headers.has('Idempotency-Key')) return send(request, init);
    const delays = retryPolicy.delaysMs;
    let current = request;
    for (let retry = 0; ; retry++) {
      const backoff = delays[retry];
      if (backoff === undefined) return send(current, init); // the last try: whatever it gives is the answer
      const next = current.clone(); // a sent Request's body is used up: keep an unsent copy for the next try
      let response: Response;
      try {
        response = await send(current, init);
      } catch (error) {
        if (current.signal.aborted) throw error;
        await sleep(backoff, current.signal);
        current = next;
        continue;
      }
      const wait = retryDelay(response, backoff);
      if (wait === null) return response;
      void response.body?.cancel().catch(() => undefined); // unread; let the connection go
      await sleep(wait, current.signal);
      current = next;
    }
  };
}
