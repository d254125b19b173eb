import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  FormFieldErrorMessage,
  Paragraph,
} from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { peopleQuery } from '../admin/queries';
import type { Person } from '../admin/types';

/**
 * Wie / Over wie: find a person by name or address (the people search) and pick one, or see who is picked and
 * choose someone else. It sits inside the filter form, so its search runs on its own button or Enter in its box,
 * not as a submit of the form. The control that is shown carries `id`, so an error summary can link to it.
 */
export function PersonFilter({
  id,
  legend,
  hint,
  value,
  name,
  error,
  onChange,
}: {
  id: string;
  legend: string;
  hint: string;
  value: string;
  /** The picked person's name, when known. */
  name: string | undefined;
  error?: string | undefined;
  onChange: (person: { id: string; name: string } | null) => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const results = useQuery(peopleQuery(query));
  const focusNext = useRef<'clear' | 'search' | null>(null);
  const clearRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // After picking, focus goes to "Iemand anders kiezen"; after that, back to the search box.
  useEffect(() => {
    if (focusNext.current === 'clear') clearRef.current?.focus();
    if (focusNext.current === 'search') searchRef.current?.focus();
    focusNext.current = null;
  }, [value]);

  function search() {
    const q = typed.trim();
    setTooShort(q.length < 2);
    if (q.length >= 2) setQuery(q);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // searches for a person instead of applying the filters
    search();
  }

  function pick(person: Person) {
    focusNext.current = 'clear';
    setQuery('');
    setTyped('');
    onChange({ id: person.id, name: person.name });
  }

  const describedBy = [`${id}-hint`, error ? `${id}-fieldset-error` : ''].filter(Boolean).join(' ');
  const shown = name ?? t('adminSecurity.auditLog.filters.personUnknown', { id: value });

  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={describedBy} className="lg-field lg-audit-person">
      <FieldsetLegend>{legend}</FieldsetLegend>
      <FormFieldDescription id={`${id}-hint`} className="utrecht-form-field__description">
        {hint}
      </FormFieldDescription>
      {error && (
        <FormFieldErrorMessage id={`${id}-fieldset-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      {value ? (
        <div className="lg-audit-person__chosen">
          <Paragraph>{t('adminSecurity.auditLog.filters.personChosen', { name: shown })}</Paragraph>
          <Button
            id={id}
            ref={clearRef}
            type="button"
            appearance="secondary-action-button"
            aria-label={t('adminSecurity.auditLog.filters.personClearOf', { field: legend, name: shown })}
            onClick={() => {
              focusNext.current = 'search';
              onChange(null);
            }}
          >
            {t('adminSecurity.auditLog.filters.personClear')}
          </Button>
        </div>
      ) : (
        <>
          <div className="lg-audit-person__search">
            <TextField
              id={id}
              inputRef={searchRef}
              type="search"
              label={t('adminSecurity.auditLog.filters.personSearch')}
              value={typed}
              error={tooShort ? t('adminSecurity.auditLog.filters.personTooShort') : undefined}
              maxLength={100}
              autoComplete="off"
              onKeyDown={onKeyDown}
              onChange={(event) => setTyped(event.target.value)}
            />
            <Button type="button" appearance="secondary-action-button" onClick={search}>
              {t('adminSecurity.auditLog.filters.personSearchButton')}
            </Button>
          </div>
          {results.error && <QueryErrorAlert error={results.error} />}
          <div aria-live="polite">
            {query !== '' &&
              results.data &&
              (results.data.length === 0 ? (
                <Paragraph>{t('adminSecurity.auditLog.filters.personNobody', { query })}</Paragraph>
              ) : (
                <ul className="lg-audit-person__results" aria-label={t('adminSecurity.auditLog.filters.personChoose')}>
                  {results.data.map((person) => (
                    <li key={person.id}>
                      <Button type="button" appearance="subtle-button" onClick={() => pick(person)}>
                        {t('adminSecurity.auditLog.filters.personOption', { name: person.name, email: person.email })}
                      </Button>
                    </li>
                  ))}
                </ul>
              ))}
          </div>
        </>
      )}
    </Fieldset>
  );
}
