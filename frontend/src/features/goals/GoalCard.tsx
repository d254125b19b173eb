import { Heading3, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { currentLanguage } from '../../i18n';
import { formatDate } from './format';
import type { Goal, GoalStatus } from './types';

export function GoalStatusBadge({ status }: { status: GoalStatus }) {
  const { t } = useTranslation();
  // Each status says itself in words; its colour (learning.css, AA contrast) is an extra cue only.
  return (
    <StatusBadge status="neutral" className={`lg-badge lg-badge--${status}`}>
      {t(`goals.status.${status}`)}
    </StatusBadge>
  );
}

/** One goal at a glance: title (a link to it), status, target date, aspects and how many steps are done. */
export function GoalCard({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <article className={`lg-goal-card lg-goal-card--${goal.status}`}>
      <Heading3 className="lg-goal-card__title">
        <RouterLink to={`/deelnemer/leerdoelen/${goal.id}`}>{goal.title}</RouterLink>
      </Heading3>
      <Paragraph className="lg-goal-card__meta">
        <GoalStatusBadge status={goal.status} />
        {goal.targetDate && (
          <>
            {' '}
            {t('goals.card.target')} <time dateTime={goal.targetDate}>{formatDate(goal.targetDate, lng)}</time>
          </>
        )}
      </Paragraph>
      {goal.aspects.length > 0 && (
        <ul className="lg-aspect-list" aria-label={t('goals.card.aspects')}>
          {goal.aspects.map((aspect) => (
            <li key={aspect.key} className="lg-aspect-tag">
              {aspect.label}
            </li>
          ))}
        </ul>
      )}
      <Paragraph className="lg-goal-card__steps">
        {goal.stepsTotal === 0
          ? t('goals.card.noSteps')
          : t('goals.progress.steps', { done: goal.stepsDone, count: goal.stepsTotal })}
        {goal.stepsTotal > 0 && (
          <progress
            className="lg-goal-progress__bar"
            max={goal.stepsTotal}
            value={goal.stepsDone}
            aria-label={t('goals.card.stepsBar', { title: goal.title })}
          />
        )}
      </Paragraph>
    </article>
  );
}
