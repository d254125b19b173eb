import { useTranslation } from 'react-i18next';
import type { Progress } from './progress';

/** "2 van 3 leerdoelen behaald · 5 van 8 stappen gezet" as text, with a bar for the steps as a visual cue. */
export function progressText(t: (key: string, options?: Record<string, unknown>) => string, progress: Progress): string {
  const goals = t('goals.progress.goals', { achieved: progress.goalsAchieved, count: progress.goalsCounted });
  if (progress.stepsTotal === 0) return goals;
  return `${goals} · ${t('goals.progress.steps', { done: progress.stepsDone, count: progress.stepsTotal })}`;
}

export function GoalProgress({ progress, label }: { progress: Progress; label: string }) {
  const { t } = useTranslation();
  const text = progressText(t, progress);
  return (
    <div className="lg-goal-progress">
      <span className="lg-goal-progress__text">{text}</span>
      {progress.stepsTotal > 0 && (
        // The text above says the same in words; the bar is named for those who meet it on its own.
        <progress
          className="lg-goal-progress__bar"
          max={progress.stepsTotal}
          value={progress.stepsDone}
          aria-label={label}
        >
          {t('goals.progress.steps', { done: progress.stepsDone, count: progress.stepsTotal })}
        </progress>
      )}
    </div>
  );
}
