import { StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Visibility } from './types';

/** Who can read a reflection, in words ("Alleen ik", "Begeleiders", "Hele groep"); colour is only a cue. */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation();
  return (
    // Colours per visibility come from learning.css (contrast checked there); the words carry the meaning.
    <StatusBadge status="neutral" className={`lg-badge lg-badge--${visibility}`}>
      <span className="lg-visually-hidden">{t('reflections.visibility.badgePrefix')} </span>
      {t(`reflections.visibility.${visibility}.badge`)}
    </StatusBadge>
  );
}
