import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { openCount } from './grouping';
import { myEvaluationsQuery } from './queries';

/**
 * "Evaluaties" on the participant's home: how many wait for an answer, and the way to them. No spinner or alert
 * of its own: the home announces its loading once, and the evaluations page reports failures. Part of the home's
 * own chunk, its strings in nl.json/en.json: loaded lazily, it would paint the home in two steps.
 */
export function EvaluationsCard() {
  const { t } = useTranslation();
  const headingId = useId();
  const { data } = useQuery(myEvaluationsQuery());
  const open = data ? openCount(data) : null;
  return (
    <section aria-labelledby={headingId} className="lg-section lg-eval-home-card">
      <Heading2 id={headingId} className="lg-section__heading">
        {t('evaluations.home.heading')}
      </Heading2>
      {open !== null && (
        <Paragraph className={open > 0 ? 'lg-eval-home-card__count' : undefined}>
          {open > 0 ? t('evaluations.home.open', { count: open }) : t('evaluations.home.noneOpen')}
        </Paragraph>
      )}
      <Paragraph>
        <RouterLink to="/evaluaties">{t('evaluations.home.link')}</RouterLink>
      </Paragraph>
    </section>
  );
}
