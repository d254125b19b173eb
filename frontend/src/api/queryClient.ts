import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './ApiError';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Overviews change rarely; moving between a home and a cohort page should not refetch every time.
        staleTime: 60_000,
        // A status from the server (403, 404, 500) will not change by asking again; a dropped connection might.
        retry: (failureCount, error) => !isApiError(error) && failureCount < 2,
      },
    },
  });
}
