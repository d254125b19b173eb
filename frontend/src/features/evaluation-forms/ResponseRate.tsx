import { useTranslation } from 'react-i18next';
import { formatPercent } from './format';

/** "5 van 12 deelnemers hebben geantwoord (42%)" as text, with a bar as a visual cue named for those who meet it alone. */
export function ResponseRate({ answered, invited, rate, label }: { answered: number; invited: number; rate: number; label: string }) {
  const { t } = useTranslation();
  const text = t('evaluations.rate.text', { answered, count: invited, percent: formatPercent(rate) });
  return (
    <div className="lg-eval-rate">
      <span className="lg-eval-rate__text">{text}</span>
      {invited > 0 && (
        <progress className="lg-eval-rate__bar" max={invited} value={answered} aria-label={label} />
      )}
    </div>
  );
}
