import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type CalendarFeed = components['schemas']['CalendarFeed'];

export const calendarFeedKey = ['calendar-feed'] as const;

/** Whether the person has a feed; the secret URL itself is never in this answer. */
export const calendarFeedQuery = () =>
  queryOptions({
    queryKey: calendarFeedKey,
    queryFn: async (): Promise<CalendarFeed> => {
      const { data, error, response } = await api.GET('/me/calendar-feed');
      if (data) return data;
      throw new ApiError(response.status, asProblem(error));
    },
  });

/** Makes a new secret feed URL (ending the previous one); the answer is the only place the URL appears. */
export async function resetCalendarFeed(): Promise<CalendarFeed> {
  const { data, error, response } = await api.POST('/me/calendar-feed');
  if (data) return data;
  throw new ApiError(response.status, asProblem(error));
}
