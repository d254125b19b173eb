import type { Me, TokenResponse } from '../api/types';

// The access token lives only in this module's memory: never in localStorage or a readable cookie, so an XSS
// cannot lift it from storage and a reload forgets it. The httpOnly refresh cookie restores it (see refresh.ts).
export type Session =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; user: Me; accessToken: string };

let session: Session = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: Session): void {
  session = next;
  for (const listener of listeners) listener();
}

export function getSession(): Session {
  return session;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getAccessToken(): string | null {
  return session.status === 'signedIn' ? session.accessToken : null;
}

export function signIn(token: TokenResponse): void {
  set({ status: 'signedIn', user: token.user, accessToken: token.accessToken });
}

export function signOut(): void {
  set({ status: 'signedOut' });
}

/** Back to "not known yet", as on a fresh page load. Used by tests to start each case from scratch. */
export function resetSession(): void {
  set({ status: 'loading' });
}
