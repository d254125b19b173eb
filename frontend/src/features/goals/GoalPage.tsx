import '../../i18n/learning';
import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { Me } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { formatDate } from './format';
import { GoalStatusBadge } from './GoalCard';
import { GoalForm } from './GoalForm';
import { goalsPath, type GoalsNotice } from './GoalsPage';
import { saveProblem } from './problems';
import { deleteGoal, frameworkQuery, goalKeys, goalQuery } from './queries';
import { StatusNote } from './StatusNote';
import { StepsEditor } from './StepsEditor';
import type { Goal } from './types';
import './learning.css';

/**
 * /deelnemer/leerdoelen/:goalId: one of the participant's own goals. Steps are ticked off here; the goal itself
 * is changed in the form below them, and can be deleted.
 */
export function GoalPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { goalId = '' } = useParams();
  const { data: goal, error } = useQuery(goalQuery(goalId));

  if (isApiError(error, 404)) return <NotFoundPage />;
  if (isApiError(error, 403)) return <ForbiddenPage />;
  // Staff may read a goal too, but this page is where its owner works on it.
  if (goal && goal.owner.id !== user.id) return <ForbiddenPage />;
  if (goal) return <OwnGoal goal={goal} />;
  return (
    <>
      <Heading1>{t('goals.goalTitle')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function OwnGoal({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  usePageTitle(goal.title);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { state } = useLocation() as { state: GoalsNotice | null };
  const cohort = useQuery(cohortQuery(goal.cohortId));
  const framework = useQuery(frameworkQuery(goal.cohortId));
  const [saved, setSaved] = useState<string | null>(null);
  const [deleteFailure, setDeleteFailure] = useState<ReturnType<typeof saveProblem> | null>(null);
  const stepsId = useId();
  const editId = useId();
  const deleteId = useId();
  const lng = currentLanguage();

  const remove = useMutation({
    mutationFn: () => deleteGoal(goal),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: goalKeys.detail(goal.id) });
      await queryClient.invalidateQueries({ queryKey: goalKeys.mine(goal.cohortId, goal.owner.id) });
      navigate(goalsPath(goal.cohortId), { state: { notice: t('goals.deleted', { title: goal.title }) } satisfies GoalsNotice });
    },
    onError: (error) => {
      const problem = saveProblem(error);
      setDeleteFailure(problem);
      // Changed elsewhere: show that version, so the participant deletes knowing what they delete.
      if (problem.stale) void queryClient.invalidateQueries({ queryKey: goalKeys.detail(goal.id) });
    },
  });

  return (
    <>
      <Heading1>{goal.title}</Heading1>
      {state?.notice && !saved && <StatusNote text={state.notice} />}
      <Paragraph className="lg-goal-head">
        <GoalStatusBadge status={goal.status} /> {goal.moduleTitle ?? t('goals.wholeProgramme')}
        {goal.targetDate && (
          <>
            {' · '}
            {t('goals.card.target')} <time dateTime={goal.targetDate}>{formatDate(goal.targetDate, lng)}</time>
          </>
        )}
      </Paragraph>
      <Paragraph>
        <RouterLink to={goalsPath(goal.cohortId)}>{t('goals.back')}</RouterLink>
      </Paragraph>

      <section aria-labelledby={stepsId} className="lg-section">
        <Heading2 id={stepsId} tabIndex={-1} className="lg-section__heading">
          {t('goals.steps.heading')}
        </Heading2>
        <Paragraph>{t('goals.steps.intro')}</Paragraph>
        <StepsEditor goal={goal} headingId={stepsId} />
      </section>

      <section aria-labelledby={editId} className="lg-section">
        <Heading2 id={editId} className="lg-section__heading">
          {t('goals.editHeading')}
        </Heading2>
        {saved && <StatusNote text={saved} />}
        {cohort.error && <QueryErrorAlert error={cohort.error} />}
        {framework.error && <QueryErrorAlert error={framework.error} />}
        {cohort.data && !framework.isPending ? (
          <GoalForm
            // A fresh form when another goal is opened; the form follows its own saves.
            key={goal.id}
            cohortId={goal.cohortId}
            modules={cohort.data.modules}
            framework={framework.data ?? null}
            goal={goal}
            onSaved={(next) => setSaved(t('goals.saved', { title: next.title }))}
          />
        ) : (
          !cohort.error && <Loading />
        )}
      </section>

      <section aria-labelledby={deleteId} className="lg-section lg-section--minor">
        <Heading2 id={deleteId} className="lg-section__heading">
          {t('goals.deleteHeading')}
        </Heading2>
        <Paragraph>{t('goals.deleteIntro')}</Paragraph>
        {deleteFailure && (
          <Alert type="error" role="alert" className="lg-alert">
            <Paragraph>
              <strong>{deleteFailure.title}</strong>
            </Paragraph>
            {deleteFailure.detail && <Paragraph>{deleteFailure.detail}</Paragraph>}
          </Alert>
        )}
        <ConfirmButton
          label={t('goals.delete')}
          question={t('goals.deleteQuestion', { title: goal.title })}
          confirmLabel={t('goals.deleteConfirm')}
          cancelLabel={t('learningNav.form.keep')}
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
        />
      </section>
    </>
  );
}
