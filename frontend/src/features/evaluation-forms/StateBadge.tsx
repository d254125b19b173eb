import { StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { EvaluationState } from './types';

/** Open, gepland or gesloten in words; the colour (evaluations.css, AA contrast) is an extra cue only. */
export function StateBadge({ state }: { state: EvaluationState }) {
  const { t } = useTranslation();
  return (
    <StatusBadge status="neutral" className={`lg-eval-badge lg-eval-badge--${state}`}>
      {t(`evaluations.state.${state}`)}
    </StatusBadge>
  );
}
