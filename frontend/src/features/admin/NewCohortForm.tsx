import '../../i18n/staff';
import { Button, Heading3 } from '@utrecht/component-library-react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { clientProblem, fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { adminKeys, createCohort } from './queries';
import { SavedNote } from './SavedNote';

type Field = 'name' | 'startsOn' | 'endsOn' | 'capacity';
const empty: Record<Field, string> = { name: '', startsOn: '', endsOn: '', capacity: '12' };
const dateShape = /^\d{4}-\d{2}-\d{2}$/;

/** A new cohort of the programme: it starts planned, with a copy of the programme's template. */
export function NewCohortForm({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [values, setValues] = useState(empty);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('new-cohort', field);
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setCreated(null);
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
      const cohort = await createCohort(programmeId, {
        name: values.name.trim(),
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        capacity,
      });
      await queryClient.invalidateQueries({ queryKey: adminKeys.programme(programmeId) });
      await queryClient.invalidateQueries({ queryKey: adminKeys.programmes() });
      setValues(empty);
      setCreated(cohort.name);
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="lg-admin-subsection">
      <Heading3 id={headingId}>{t('manage.cohorts.new')}</Heading3>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      {created && <SavedNote text={t('manage.cohorts.created', { name: created })} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <TextField
          id={id('name')}
          label={t('manage.cohorts.name')}
          description={t('manage.cohorts.nameHint')}
          value={values.name}
          onChange={set('name')}
          error={problem?.fields.name}
          required
          maxLength={100}
        />
        <div className="lg-admin-row">
          <TextField id={id('startsOn')} type="date" label={t('manage.cohorts.startsOn')} value={values.startsOn}
            onChange={set('startsOn')} error={problem?.fields.startsOn} required />
          <TextField id={id('endsOn')} type="date" label={t('manage.cohorts.endsOn')} value={values.endsOn}
            onChange={set('endsOn')} error={problem?.fields.endsOn} required />
          <TextField id={id('capacity')} label={t('manage.cohorts.capacity')} inputMode="numeric" value={values.capacity}
            onChange={set('capacity')} error={problem?.fields.capacity} required />
        </div>
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('manage.cohorts.create')}
        </Button>
      </form>
    </section>
  );
}
