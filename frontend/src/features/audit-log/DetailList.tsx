import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * A line's detail (fields, counts, visibility from/to — never content) as a definition list: one term per key,
 * nested objects as nested lists, lists of plain values joined with commas.
 */

const isPlain = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function plain(value: unknown, t: TFunction): string {
  if (value === null || value === '') return t('adminSecurity.auditLog.detail.empty');
  if (typeof value === 'boolean') return value ? t('adminSecurity.auditLog.detail.yes') : t('adminSecurity.auditLog.detail.no');
  return String(value);
}

function Value({ value }: { value: unknown }): ReactNode {
  const { t } = useTranslation();
  if (isPlain(value)) return plain(value, t);
  if (Array.isArray(value)) {
    if (value.every(isPlain)) return value.length === 0 ? t('adminSecurity.auditLog.detail.empty') : value.map((v) => plain(v, t)).join(', ');
    return (
      <ol className="lg-audit-detail__list">
        {value.map((item, index) => (
          <li key={index}>
            <Value value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') return <DetailList detail={value as Record<string, unknown>} />;
  return String(value);
}

export function DetailList({ detail, extra = [] }: { detail: Record<string, unknown>; extra?: [string, ReactNode][] }) {
  const entries = Object.entries(detail);
  if (entries.length === 0 && extra.length === 0) return null;
  return (
    <dl className="lg-audit-detail">
      {entries.map(([key, value]) => (
        <div key={key} className="lg-audit-detail__item">
          <dt>
            <code>{key}</code>
          </dt>
          <dd>
            <Value value={value} />
          </dd>
        </div>
      ))}
      {extra.map(([key, value]) => (
        <div key={key} className="lg-audit-detail__item">
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
