import type { FieldError, Problem } from './types';

/** Narrows an error body to an RFC 9457 problem; anything else (HTML from a proxy, plain text) is not one. */
export function asProblem(body: unknown): Problem | null {
  if (typeof body !== 'object' || body === null) return null;
  const { title, status } = body as Partial<Problem>;
  return typeof title === 'string' && typeof status === 'number' ? (body as Problem) : null;
}

export function fieldErrors(problem: Problem | null): FieldError[] {
  return Array.isArray(problem?.errors) ? problem.errors : [];
}
