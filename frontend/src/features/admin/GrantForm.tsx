import '../../i18n/staff';
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  RadioButton,
  SelectOption,
} from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { clientProblem, fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { adminKeys, createPerson, grantRole, peopleQuery } from './queries';
import { SavedNote } from './SavedNote';
import type { CohortSummary, Person } from './types';

/**
 * Giving a role: find the person (or add them: they get an invitation mail), choose facilitator or reviewer, and
 * for a facilitator the whole programme or one cohort.
 */
export function GrantForm({ programmeId, cohorts }: { programmeId: string; cohorts: CohortSummary[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [person, setPerson] = useState<Person | null>(null);
  const [role, setRole] = useState<'facilitator' | 'reviewer'>('facilitator');
  const [scope, setScope] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [granted, setGranted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('grant', field);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setGranted(null);
    const local = clientProblem(person ? {} : { userId: t('manage.roles.errors.person') });
    setProblem(local);
    if (local || !person) return;
    setBusy(true);
    try {
      await grantRole(programmeId, {
        userId: person.id,
        role,
        cohortId: role === 'facilitator' && scope !== '' ? scope : null,
      });
      await queryClient.invalidateQueries({ queryKey: adminKeys.grants(programmeId) });
      setGranted(t('manage.roles.granted', { name: person.name, role: t(`manage.roles.roles.${role}`) }));
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId}>{t('manage.roles.give')}</Heading2>
      <PersonFinder selected={person} onSelect={setPerson} inputId={id('userId')} />
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      {granted && <SavedNote key={granted} text={granted} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <Paragraph>
          {person ? t('manage.roles.chosen', { name: person.name, email: person.email }) : t('manage.roles.noneChosen')}
        </Paragraph>
        <div className="lg-admin-row">
          <SelectField
            id={id('role')}
            label={t('manage.roles.role')}
            value={role}
            error={problem?.fields.role}
            onChange={(event) => setRole(event.target.value === 'reviewer' ? 'reviewer' : 'facilitator')}
          >
            <SelectOption value="facilitator">{t('manage.roles.roles.facilitator')}</SelectOption>
            <SelectOption value="reviewer">{t('manage.roles.roles.reviewer')}</SelectOption>
          </SelectField>
          {role === 'facilitator' && (
            <SelectField
              id={id('cohortId')}
              label={t('manage.roles.scope')}
              value={scope}
              error={problem?.fields.cohortId}
              onChange={(event) => setScope(event.target.value)}
            >
              <SelectOption value="">{t('manage.roles.wholeProgramme')}</SelectOption>
              {cohorts.map((c) => (
                <SelectOption key={c.id} value={c.id}>
                  {t('manage.roles.cohortScope', { name: c.name })}
                </SelectOption>
              ))}
            </SelectField>
          )}
        </div>
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('manage.roles.grant')}
        </Button>
      </form>
    </section>
  );
}

/** Search by name or address and pick one result; or add a new person, who is then picked. */
function PersonFinder({
  selected,
  onSelect,
  inputId,
}: {
  selected: Person | null;
  onSelect: (person: Person) => void;
  inputId: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const results = useQuery(peopleQuery(query));
  const resultsId = useId();

  function onSearch(event: FormEvent) {
    event.preventDefault();
    const q = typed.trim();
    setTooShort(q.length < 2);
    if (q.length >= 2) setQuery(q);
  }

  return (
    <>
      <form role="search" noValidate onSubmit={onSearch} className="lg-form lg-admin-search">
        <TextField
          id={inputId}
          type="search"
          label={t('manage.roles.search')}
          description={t('manage.roles.searchHint')}
          value={typed}
          error={tooShort ? t('manage.roles.errors.query') : undefined}
          onChange={(event) => setTyped(event.target.value)}
        />
        <Button type="submit" appearance="secondary-action-button">
          {t('manage.roles.searchButton')}
        </Button>
      </form>
      <div aria-live="polite" id={resultsId}>
        {query !== '' && results.data && (
          results.data.length === 0 ? (
            <Paragraph>{t('manage.roles.nobody', { query })}</Paragraph>
          ) : (
            <Fieldset>
              <FieldsetLegend>{t('manage.roles.pick', { count: results.data.length })}</FieldsetLegend>
              {results.data.map((p) => (
                <FormField key={p.id} type="radio" className="lg-admin-radio">
                  <FormLabel htmlFor={`person-${p.id}`} type="radio">
                    <RadioButton
                      id={`person-${p.id}`}
                      name="person"
                      className="utrecht-form-field__input"
                      checked={selected?.id === p.id}
                      onChange={() => onSelect(p)}
                    />{' '}
                    {p.name} ({p.email}){p.passwordSet ? '' : ` — ${t('manage.roles.invited')}`}
                  </FormLabel>
                </FormField>
              ))}
            </Fieldset>
          )
        )}
        {results.error && <Paragraph role="alert">{formProblem(results.error).title}</Paragraph>}
      </div>
      <NewPersonForm onCreated={onSelect} />
    </>
  );
}

function NewPersonForm({ onCreated }: { onCreated: (person: Person) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('new-person', field);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setCreated(null);
    const local = clientProblem({
      ...(name.trim() === '' ? { name: t('manage.people.errors.name') } : {}),
      ...(!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? { email: t('manage.people.errors.email') } : {}),
    });
    setProblem(local);
    if (local) return;
    setBusy(true);
    try {
      const person = await createPerson({ name: name.trim(), email: email.trim() });
      onCreated(person);
      setCreated(t('manage.people.created', { name: person.name, email: person.email }));
      setName('');
      setEmail('');
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="lg-admin-subsection">
      <Heading3 id={headingId}>{t('manage.people.new')}</Heading3>
      <Paragraph className="lg-admin-note">{t('manage.people.intro')}</Paragraph>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      {created && <SavedNote key={created} text={created} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <div className="lg-admin-row">
          <TextField id={id('name')} label={t('manage.people.name')} value={name} error={problem?.fields.name}
            autoComplete="off" maxLength={200} onChange={(event) => setName(event.target.value)} />
          <TextField id={id('email')} type="email" label={t('manage.people.email')} value={email}
            error={problem?.fields.email} autoComplete="off" maxLength={254} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <Button type="submit" appearance="secondary-action-button" busy={busy}>
          {t('manage.people.create')}
        </Button>
      </form>
    </section>
  );
}
