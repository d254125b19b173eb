import '../../i18n/staff';
import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { clientProblem, fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { adminKeys, updateCohort } from './queries';
import type { CohortSummary } from './types';

const dateShape = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A cohort's name, dates and capacity, changed with If-Match on the version shown. The server refuses a
 * capacity below the number of active participants; its message lands on the field.
 */
export function CohortEditForm({ cohort, onClose }: { cohort: CohortSummary; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    name: cohort.name,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    capacity: String(cohort.capacity),
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId(`cohort-${cohort.id}`, field);
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const capacity = Number(values.capacity);
    const local = clientProblem({
      ...(values.name.trim() === '' ? { name: t('manage.cohorts.errors.name') } : {}),
      ...(!dateShape.test(values.startsOn) ? { startsOn: t('manage.cohorts.errors.date') } : {}),
      ...(!dateShape.test(values.endsOn)
        ? { endsOn: t('manage.cohorts.errors.date') }
        : values.endsOn < values.startsOn
          ? { endsOn: t('manage.cohorts.errors.endBeforeStart') }
          : {}),
      ...(!Number.isInteger(capacity) || capacity < 1 || capacity > 500 ? { capacity: t('manage.cohorts.errors.capacity') } : {}),
    });
    setProblem(local);
    if (local) return;
    setBusy(true);
    try {
      await updateCohort(cohort, { name: values.name.trim(), startsOn: values.startsOn, endsOn: values.endsOn, capacity });
      await queryClient.invalidateQueries({ queryKey: adminKeys.cohorts(cohort.programmeId) });
      onClose(true);
    } catch (error) {
      setProblem(formProblem(error));
      // Someone else changed the cohort: show the newest values next time the form opens.
      if (isApiError(error, 412)) void queryClient.invalidateQueries({ queryKey: adminKeys.cohorts(cohort.programmeId) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <TextField id={id('name')} label={t('manage.cohorts.name')} value={values.name} onChange={set('name')}
          error={problem?.fields.name} required maxLength={100} />
        <div className="lg-admin-row">
          <TextField id={id('startsOn')} type="date" label={t('manage.cohorts.startsOn')} value={values.startsOn}
            onChange={set('startsOn')} error={problem?.fields.startsOn} required />
          <TextField id={id('endsOn')} type="date" label={t('manage.cohorts.endsOn')} value={values.endsOn}
            onChange={set('endsOn')} error={problem?.fields.endsOn} required />
          <TextField id={id('capacity')} label={t('manage.cohorts.capacity')} inputMode="numeric" value={values.capacity}
            onChange={set('capacity')} error={problem?.fields.capacity} required />
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('manage.cohorts.save')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => onClose(false)}>
            {t('manage.form.cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
