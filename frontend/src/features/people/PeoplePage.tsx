import '../../i18n/coaching';
import '../../i18n/admin-security';
import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { Loading } from '../../components/Loading';
import { TextField } from '../../components/fields';
import { adminKeys, peopleQuery } from '../admin/queries';
import type { Person } from '../admin/types';
import { EraseStep, ErasureReportView } from './EraseStep';
import type { ErasureReport } from './queries';
import '../coaching/staff.css';
import './security.css';

const queryParam = 'zoek';

/**
 * /beheer/personen, for admins: find a person by name or email address and erase them and their data (AVG
 * art. 17), after a confirmation step.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  usePageTitle(t('people.title'));
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const query = (params.get(queryParam) ?? '').trim();
  const [typed, setTyped] = useState(query);
  const [tooShort, setTooShort] = useState(false);
  const [chosen, setChosen] = useState<Person | null>(null);
  const [erased, setErased] = useState<{ name: string; report: ErasureReport } | null>(null);
  const eraseButtons = useRef(new Map<string, HTMLButtonElement>());
  const results = useQuery(peopleQuery(query));
  const resultsId = useId();
  const captionId = useId();

  function onSearch(event: FormEvent) {
    event.preventDefault();
    const q = typed.trim();
    setTooShort(q.length < 2);
    if (q.length < 2) {
      document.getElementById('people-query')?.focus();
      return;
    }
    setChosen(null);
    setParams({ [queryParam]: q }, { replace: true });
  }

  function cancel() {
    const id = chosen?.id;
    setChosen(null);
    // Back to the button that opened the step.
    if (id) requestAnimationFrame(() => eraseButtons.current.get(id)?.focus());
  }

  function onErased(person: Person, report: ErasureReport) {
    setChosen(null);
    setErased({ name: person.name, report });
    void queryClient.invalidateQueries({ queryKey: [...adminKeys.all, 'people'] });
  }

  return (
    <>
      <Heading1>{t('people.title')}</Heading1>
      <Paragraph>{t('people.intro')}</Paragraph>
      <form role="search" noValidate onSubmit={onSearch} className="lg-form lg-staff-form">
        <TextField
          id="people-query"
          type="search"
          label={t('people.search')}
          description={t('people.searchHint')}
          value={typed}
          error={tooShort ? t('people.searchTooShort') : undefined}
          maxLength={100}
          onChange={(event) => setTyped(event.target.value)}
        />
        <Button type="submit" appearance="secondary-action-button">
          {t('people.searchButton')}
        </Button>
      </form>
      {erased && <ErasureReportView name={erased.name} report={erased.report} />}
      <section aria-labelledby={resultsId} className="lg-section" aria-busy={results.isFetching}>
        <Heading2 id={resultsId} className="lg-section__heading">
          {t('people.results')}
        </Heading2>
        {query.length < 2 ? (
          <Paragraph>{t('people.searchFirst')}</Paragraph>
        ) : results.error ? (
          <QueryErrorAlert error={results.error} />
        ) : !results.data ? (
          <Loading />
        ) : results.data.length === 0 ? (
          <Paragraph role="status">{t('people.nobody', { query })}</Paragraph>
        ) : (
          <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
            <Table className="lg-staff-table">
              <TableCaption id={captionId}>{t('people.caption', { query, count: results.data.length })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('people.name')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('people.email')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('people.account')}</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    <span className="lg-staff-visually-hidden">{t('people.actions')}</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {results.data.map((person) => (
                  <TableRow key={person.id}>
                    <TableHeaderCell scope="row">{person.name}</TableHeaderCell>
                    <TableCell>{person.email}</TableCell>
                    <TableCell>
                      {person.passwordSet ? t('people.active') : t('people.invited')}
                      {person.isAdmin && `, ${t('people.admin')}`}
                    </TableCell>
                    <TableCell>
                      <div className="lg-people-actions">
                        <RouterLink
                          to={`/beheer/personen/${encodeURIComponent(person.id)}/beveiliging`}
                          state={{ from: `/beheer/personen?${params.toString()}` }}
                          aria-label={t('adminSecurity.personSecurity.linkOf', { name: person.name })}
                        >
                          {t('adminSecurity.personSecurity.link')}
                        </RouterLink>
                        <Button
                          ref={(node: HTMLButtonElement | null) => {
                            if (node) eraseButtons.current.set(person.id, node);
                            else eraseButtons.current.delete(person.id);
                          }}
                          type="button"
                          appearance="secondary-action-button"
                          aria-label={t('people.eraseOf', { name: person.name })}
                          aria-expanded={chosen?.id === person.id}
                          onClick={() => {
                            setErased(null);
                            setChosen(person);
                          }}
                        >
                          {t('people.eraseButton')}
                        </Button>
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
      {chosen && (
        <EraseStep
          key={chosen.id}
          person={chosen}
          onCancel={cancel}
          onErased={(report) => onErased(chosen, report)}
        />
      )}
    </>
  );
}
