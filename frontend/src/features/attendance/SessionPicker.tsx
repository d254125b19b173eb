import '../../i18n/staff';
import { FormField, FormFieldDescription, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatShortDay } from './format';
import type { SessionAttendanceSummary } from './types';

/** The session a sheet opens on: the latest one that was held, else the next one that goes ahead. */
export function defaultSessionId(sessions: SessionAttendanceSummary[]): string | null {
  const held = sessions.filter((session) => session.held);
  return held.at(-1)?.id ?? sessions.find((session) => session.status !== 'cancelled')?.id ?? sessions[0]?.id ?? null;
}

/** Picks a session, grouped by module in the order of the schedule, with how much is left to record. */
export function SessionPicker({
  sessions,
  value,
  onChange,
}: {
  sessions: SessionAttendanceSummary[];
  value: string;
  onChange: (sessionId: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const groups: { moduleTitle: string; sessions: SessionAttendanceSummary[] }[] = [];
  for (const session of sessions) {
    const last = groups.at(-1);
    if (last && last.moduleTitle === session.moduleTitle) last.sessions.push(session);
    else groups.push({ moduleTitle: session.moduleTitle, sessions: [session] });
  }
  return (
    <FormField
      label={<FormLabel htmlFor={id}>{t('attendance.record.session')}</FormLabel>}
      description={<FormFieldDescription id={hintId}>{t('attendance.record.sessionHint')}</FormFieldDescription>}
      className="lg-session-picker"
    >
      <Select id={id} aria-describedby={hintId} value={value} onChange={(event) => onChange(event.target.value)}>
        {groups.map((group, index) => (
          <optgroup key={`${index}-${group.moduleTitle}`} label={group.moduleTitle}>
            {group.sessions.map((session) => (
              <SelectOption key={session.id} value={session.id}>
                {optionText(session, t)}
              </SelectOption>
            ))}
          </optgroup>
        ))}
      </Select>
    </FormField>
  );
}

function optionText(session: SessionAttendanceSummary, t: TFunction): string {
  const base = `${formatShortDay(session.startsAt)} — ${session.title}`;
  if (session.status === 'cancelled') return `${base} (${t('attendance.record.cancelled')})`;
  if (!session.held) return `${base} (${t('attendance.record.upcoming')})`;
  if (session.unrecorded > 0) return `${base} (${t('attendance.record.unrecorded', { count: session.unrecorded })})`;
  return `${base} (${t('attendance.record.complete')})`;
}
