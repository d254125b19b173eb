import '../../i18n/staff';
import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { clientProblem, fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { SavedNote } from '../admin/SavedNote';
import { enrol, participantKeys } from './queries';

type Field = 'name' | 'email' | 'gemeente' | 'jobTitle';
const empty: Record<Field, string> = { name: '', email: '', gemeente: '', jobTitle: '' };
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Enrols one person. Someone new gets an account and an invitation mail to set a password. */
export function EnrolForm({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [values, setValues] = useState(empty);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [enrolled, setEnrolled] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('enrol', field);
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setEnrolled(null);
    const local = clientProblem({
      ...(values.name.trim() === '' ? { name: t('manage.people.errors.name') } : {}),
      ...(!emailShape.test(values.email.trim()) ? { email: t('manage.people.errors.email') } : {}),
    });
    setProblem(local);
    if (local) return;
    setBusy(true);
    try {
      const p = await enrol(cohortId, {
        name: values.name.trim(),
        email: values.email.trim(),
        gemeente: values.gemeente.trim(),
        jobTitle: values.jobTitle.trim(),
      });
      await queryClient.invalidateQueries({ queryKey: participantKeys.cohort(cohortId) });
      setValues(empty);
      setEnrolled(
        p.passwordSet
          ? t('manage.participants.enrolledKnown', { name: p.name })
          : t('manage.participants.enrolledNew', { name: p.name, email: p.email }),
      );
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId}>{t('manage.participants.enrol')}</Heading2>
      <Paragraph>{t('manage.participants.enrolIntro')}</Paragraph>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      {enrolled && <SavedNote key={enrolled} text={enrolled} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <div className="lg-admin-row">
          <TextField id={id('name')} label={t('manage.participants.name')} value={values.name} onChange={set('name')}
            error={problem?.fields.name} required autoComplete="off" maxLength={200} />
          <TextField id={id('email')} type="email" label={t('manage.participants.email')} value={values.email}
            onChange={set('email')} error={problem?.fields.email} required autoComplete="off" maxLength={254} />
        </div>
        <div className="lg-admin-row">
          <TextField id={id('gemeente')} label={t('manage.participants.gemeente')} value={values.gemeente}
            onChange={set('gemeente')} error={problem?.fields.gemeente} autoComplete="off" maxLength={100} />
          <TextField id={id('jobTitle')} label={t('manage.participants.jobTitle')} value={values.jobTitle}
            onChange={set('jobTitle')} error={problem?.fields.jobTitle} autoComplete="off" maxLength={200} />
        </div>
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('manage.participants.enrolButton')}
        </Button>
      </form>
    </section>
  );
}
