import type { Problem } from './types';

/**
 * A request the server answered with an error status. Thrown from query functions so that React Query sees a
 * failure; pages branch on `status` (403 → no access, 404 → not found) and show the problem's title otherwise.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
