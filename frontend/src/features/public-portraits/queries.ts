import { useEffect, useState } from 'react';
import { ApiError } from '../../api/ApiError';
import { authClient } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type PublicPortraits = components['schemas']['PublicPortraits'];

// Public: sent without a token and never refreshing one, so the page reads the same for everyone. Not cached in
// React Query, whose cache is emptied whenever nobody is signed in (as most visitors of this page are not).

export async function fetchPublicPortraits(slug: string, signal?: AbortSignal): Promise<PublicPortraits> {
  const { data, error, response } = await authClient.GET('/public/programmes/{slug}/portraits', {
    params: { path: { slug } },
    ...(signal ? { signal } : {}),
  });
  if (data) return data;
  throw new ApiError(response.status, asProblem(error));
}

export function usePublicPortraits(slug: string): { data: PublicPortraits | null; error: Error | null } {
  const [state, setState] = useState<{ slug: string; data: PublicPortraits | null; error: Error | null }>({
    slug,
    data: null,
    error: null,
  });
  useEffect(() => {
    const controller = new AbortController();
    fetchPublicPortraits(slug, controller.signal).then(
      (data) => setState({ slug, data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ slug, data: null, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [slug]);
  // Another slug than the one loaded: nothing to show yet.
  return state.slug === slug ? state : { data: null, error: null };
}
