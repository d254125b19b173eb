import '../../i18n/coaching';
import { Alert, Button, Heading1, Heading2, Heading3, Heading4, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { CohortLine, Pending } from './CoachingPage';
import { formatDate, formatDay } from '../../i18n/dates';
import { groupGoals, type GoalGroup } from './grouping';
import { participantGoalsQuery, sharedReflectionsQuery } from './queries';
import type { Goal, GoalStatus, ParticipantGoals, Reflection } from './types';
import './staff.css';

const badgeStatus: Record<GoalStatus, 'neutral' | 'active' | 'valid' | 'inactive'> = {
  draft: 'neutral',
  active: 'active',
  achieved: 'valid',
  dropped: 'inactive',
};

/**
 * /groepen/:cohortId/coaching/:userId, for the cohort's facilitators and admins: one participant's goals
 * (read-only) and the reflections they shared. Both reads are logged and shown to the participant.
 */
export function ParticipantCoachingPage() {
  const { t } = useTranslation();
  const { cohortId = '', userId = '' } = useParams();
  const { data, error } = useQuery(participantGoalsQuery(cohortId, userId));

  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (data) return <ParticipantView cohortId={cohortId} goals={data} />;
  return <Pending title={t('coaching.participant.title')} error={error} />;
}

function ParticipantView({ cohortId, goals }: { cohortId: string; goals: ParticipantGoals }) {
  const { t } = useTranslation();
  const name = goals.participant.name;
  usePageTitle(t('coaching.participant.titleOf', { name }));
  const goalsId = useId();
  const reflectionsId = useId();
  const groups = groupGoals(goals);
  return (
    <>
      <Heading1>{t('coaching.participant.titleOf', { name })}</Heading1>
      <CohortLine cohortId={cohortId} />
      <Alert type="info" className="lg-alert">
        <Paragraph>{t('coaching.participant.logged')}</Paragraph>
      </Alert>
      <Paragraph>
        <RouterLink to={`/groepen/${cohortId}/coaching`}>{t('coaching.participant.back')}</RouterLink>
      </Paragraph>
      <section aria-labelledby={goalsId} className="lg-section">
        <Heading2 id={goalsId} className="lg-section__heading">
          {t('coaching.participant.goalsHeading')}
        </Heading2>
        {goals.goals.length === 0 ? (
          <Paragraph>{t('coaching.participant.noGoals', { name })}</Paragraph>
        ) : (
          groups.map((group) => <ModuleGoals key={group.moduleId ?? 'programme'} group={group} />)
        )}
      </section>
      <section aria-labelledby={reflectionsId} className="lg-section">
        <Heading2 id={reflectionsId} className="lg-section__heading">
          {t('coaching.participant.reflectionsHeading')}
        </Heading2>
        <Paragraph>{t('coaching.participant.reflectionsIntro')}</Paragraph>
        <SharedReflections cohortId={cohortId} userId={goals.participant.id} name={name} />
      </section>
    </>
  );
}

function ModuleGoals({ group }: { group: GoalGroup }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="lg-coaching-module">
      <Heading3 id={headingId}>{group.title ?? t('coaching.participant.wholeProgramme')}</Heading3>
      {group.goals.length === 0 ? (
        <Paragraph className="lg-staff-note">{t('coaching.participant.noGoalsInModule')}</Paragraph>
      ) : (
        <>
          <Paragraph className="lg-staff-note">
            {t('coaching.participant.moduleProgress', { achieved: group.achieved, count: group.counted })}
            {' · '}
            {t('coaching.participant.stepsProgress', { done: group.stepsDone, total: group.stepsTotal })}
          </Paragraph>
          <ul className="lg-staff-list">
            {group.goals.map((goal) => (
              <li key={goal.id}>
                <GoalCard goal={goal} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function GoalCard({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <article aria-labelledby={headingId} className={`lg-staff-card lg-coaching-goal lg-coaching-goal--${goal.status}`}>
      <Heading4 id={headingId} className="lg-staff-card__heading">
        {goal.title}
      </Heading4>
      <Paragraph className="lg-staff-card__meta">
        <StatusBadge status={badgeStatus[goal.status]} className="lg-staff-badge">
          {t(`coaching.goalStatus.${goal.status}`)}
        </StatusBadge>
        {goal.targetDate && (
          <>
            {' '}
            {t('coaching.participant.targetDate')}{' '}
            <time dateTime={goal.targetDate}>{formatDate(goal.targetDate)}</time>
          </>
        )}
      </Paragraph>
      {goal.aspects.length > 0 && (
        <Paragraph className="lg-staff-card__meta">
          {t('coaching.participant.aspects')} {goal.aspects.map((aspect) => aspect.label).join(', ')}
        </Paragraph>
      )}
      {goal.description && <Paragraph className="lg-staff-text">{goal.description}</Paragraph>}
      {goal.successCriteria && (
        <>
          <Paragraph className="lg-staff-label">{t('coaching.participant.successCriteria')}</Paragraph>
          <Paragraph className="lg-staff-text">{goal.successCriteria}</Paragraph>
        </>
      )}
      {goal.steps.length > 0 && (
        <>
          <Paragraph className="lg-staff-label">
            {t('coaching.participant.steps', { done: goal.stepsDone, total: goal.stepsTotal })}
          </Paragraph>
          <ul className="lg-coaching-steps">
            {[...goal.steps]
              .sort((a, b) => a.position - b.position)
              .map((step) => (
                <li key={step.id} className={step.done ? 'lg-coaching-step lg-coaching-step--done' : 'lg-coaching-step'}>
                  <span className="lg-coaching-step__tick" aria-hidden="true">
                    {step.done ? '✓' : '○'}
                  </span>
                  <span className="lg-staff-visually-hidden">
                    {step.done ? t('coaching.participant.stepDone') : t('coaching.participant.stepOpen')}
                  </span>{' '}
                  {step.title}
                  {step.done && step.doneAt && (
                    <span className="lg-staff-muted">
                      {' '}
                      ({t('coaching.participant.doneOn', { date: formatDay(step.doneAt) })})
                    </span>
                  )}
                </li>
              ))}
          </ul>
        </>
      )}
    </article>
  );
}

function SharedReflections({ cohortId, userId, name }: { cohortId: string; userId: string; name: string }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery(sharedReflectionsQuery(cohortId, userId));
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  // After "Meer laden", focus the first new reflection so keyboard users continue where the list grew.
  useEffect(() => {
    if (focusIndex === null || items.length <= focusIndex) return;
    listRef.current?.querySelectorAll<HTMLElement>('.lg-coaching-reflection')[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex, items.length]);

  // Admins without a facilitator role are not shown reflections at all: say so rather than show an error.
  if (isApiError(query.error, 403)) return <Paragraph>{t('coaching.participant.reflectionsForbidden')}</Paragraph>;
  if (query.error && items.length === 0) return <QueryErrorAlert error={query.error} />;
  if (!query.data) return <Loading />;
  if (items.length === 0) return <Paragraph>{t('coaching.participant.noReflections', { name })}</Paragraph>;

  return (
    <>
      <ul className="lg-staff-list" ref={listRef}>
        {items.map((reflection) => (
          <li key={reflection.id}>
            <ReflectionItem reflection={reflection} />
          </li>
        ))}
      </ul>
      {query.error && <QueryErrorAlert error={query.error} />}
      {query.hasNextPage && (
        <Button
          type="button"
          appearance="secondary-action-button"
          busy={query.isFetchingNextPage}
          onClick={() => {
            if (query.isFetchingNextPage) return;
            const next = items.length;
            void query.fetchNextPage().then(() => setFocusIndex(next));
          }}
        >
          {t('coaching.participant.loadMore')}
        </Button>
      )}
    </>
  );
}

function ReflectionItem({ reflection }: { reflection: Reflection }) {
  const { t } = useTranslation();
  const date = formatDate(reflection.writtenOn);
  return (
    <article className="lg-staff-card lg-coaching-reflection" tabIndex={-1}>
      <Paragraph className="lg-staff-card__heading-text">
        <RouterLink to={`/reflecties/${reflection.id}`}>
          {reflection.title ?? t('coaching.participant.untitled', { date })}
        </RouterLink>
      </Paragraph>
      <Paragraph className="lg-staff-card__meta">
        <time dateTime={reflection.writtenOn}>{date}</time>
        {' · '}
        {t(`coaching.visibility.${reflection.visibility}`)}
        {reflection.module && ` · ${reflection.module.title}`}
        {reflection.session && ` · ${reflection.session.title}`}
        {' · '}
        {t('coaching.participant.comments', { count: reflection.commentCount })}
      </Paragraph>
    </article>
  );
}
