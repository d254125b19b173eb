import '../../i18n/staff';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextAreaField, TextField } from '../../components/fields';
import { clientProblem, fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { adminKeys, createProgramme, programmesQuery } from './queries';
import type { ProgrammeSummary } from './types';
import './admin.css';

/** /beheer/leergangen: every programme, and a form to start a new one (admins). */
export function ProgrammesPage() {
  const { t } = useTranslation();
  usePageTitle(t('manage.programmes.title'));
  const { data, error } = useQuery(programmesQuery());
  return (
    <>
      <Heading1>{t('manage.programmes.title')}</Heading1>
      <Paragraph lead>{t('manage.programmes.intro')}</Paragraph>
      {error ? <QueryErrorAlert error={error} /> : data ? <ProgrammeList programmes={data} /> : <Loading />}
      <NewProgrammeForm />
    </>
  );
}

function ProgrammeList({ programmes }: { programmes: ProgrammeSummary[] }) {
  const { t } = useTranslation();
  if (programmes.length === 0) return <Paragraph>{t('manage.programmes.none')}</Paragraph>;
  return (
    <ul className="lg-card-list">
      {programmes.map((p) => (
        <li key={p.id} className="lg-card">
          <Heading2 className="lg-card__heading">
            <RouterLink to={`/beheer/leergangen/${p.id}`}>{p.name}</RouterLink>
          </Heading2>
          <Paragraph className="lg-card__text">
            {t('manage.programmes.cohortCount', { count: p.cohortCount })} · {p.owner}
            {p.funder ? ` · ${p.funder}` : ''}
          </Paragraph>
        </li>
      ))}
    </ul>
  );
}

type Field = 'name' | 'description' | 'owner' | 'funder' | 'kAnonymity';

function NewProgrammeForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    name: '',
    description: '',
    owner: 'Vereniging van Gemeentesecretarissen',
    funder: 'A&O-fonds Gemeenten',
    kAnonymity: '5',
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('new-programme', field);
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const k = Number(values.kAnonymity);
    const local = clientProblem({
      ...(values.name.trim() === '' ? { name: t('manage.programmes.errors.name') } : {}),
      ...(values.owner.trim() === '' ? { owner: t('manage.programmes.errors.owner') } : {}),
      ...(!Number.isInteger(k) || k < 2 || k > 100 ? { kAnonymity: t('manage.programmes.errors.kAnonymity') } : {}),
    });
    setProblem(local);
    if (local) return;
    setBusy(true);
    try {
      const created = await createProgramme({
        name: values.name.trim(),
        description: values.description.trim(),
        owner: values.owner.trim(),
        funder: values.funder.trim(),
        kAnonymity: k,
        modules: [],
      });
      queryClient.setQueryData(adminKeys.programme(created.id), created);
      await queryClient.invalidateQueries({ queryKey: adminKeys.programmes() });
      navigate(`/beheer/leergangen/${created.id}`, { state: { created: true } });
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId}>{t('manage.programmes.new')}</Heading2>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <TextField id={id('name')} label={t('manage.programmes.name')} value={values.name} onChange={set('name')}
          error={problem?.fields.name} required maxLength={200} />
        <TextAreaField id={id('description')} label={t('manage.programmes.description')} value={values.description}
          onChange={set('description')} error={problem?.fields.description} />
        <div className="lg-admin-row">
          <TextField id={id('owner')} label={t('manage.programmes.owner')} value={values.owner} onChange={set('owner')}
            error={problem?.fields.owner} required maxLength={200} />
          <TextField id={id('funder')} label={t('manage.programmes.funder')} description={t('manage.programmes.funderHint')}
            value={values.funder} onChange={set('funder')} error={problem?.fields.funder} maxLength={200} />
        </div>
        <TextField id={id('kAnonymity')} label={t('manage.programmes.kAnonymity')}
          description={t('manage.programmes.kAnonymityHint')} inputMode="numeric" value={values.kAnonymity}
          onChange={set('kAnonymity')} error={problem?.fields.kAnonymity} />
        <Paragraph className="lg-admin-note">{t('manage.programmes.templateLater')}</Paragraph>
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('manage.programmes.create')}
        </Button>
      </form>
    </section>
  );
}
