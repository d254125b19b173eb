import '../../i18n/staff';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../attendance/format';
import type { OutboxItem } from './queries';

/** A mail's status in words, with when it happened: "Verzonden, 3 dec 2026, 10:02". */
export function StatusText({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const label = t(`outbox.statuses.${item.status}`);
  const when = item.status === 'sent' ? item.sentAt : item.status === 'failed' ? item.failedAt : null;
  return (
    <span className={`lg-outbox__status lg-outbox__status--${item.status}`}>
      {when ? `${label}, ${formatMoment(when)}` : label}
    </span>
  );
}
