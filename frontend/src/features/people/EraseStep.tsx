import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../admin/types';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { emailMatches, erasePerson, isErasureKind, reportLines, type ErasureReport } from './queries';

/**
 * The confirmation step of an erasure: what goes and what stays, in words, and the person's email address typed
 * again; only then can it be sent. Afterwards the report says what was removed, counted per kind.
 */
export function EraseStep({
  person,
  onCancel,
  onErased,
}: {
  person: Person;
  onCancel: () => void;
  onErased: (report: ErasureReport) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('erase', field);
  const matches = emailMatches(typed, person.email);
  const lockedId = useId();

  // The step opens below the search results: take the reader there.
  useEffect(() => {
    headingRef.current?.focus();
  }, [person.id]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy || !matches) return;
    setBusy(true);
    setProblem(null);
    try {
      onErased(await erasePerson(person.id, typed.trim()));
    } catch (error) {
      setProblem(formProblem(error));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="lg-section lg-people-erase">
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1} className="lg-section__heading">
        {t('people.erase.heading', { name: person.name })}
      </Heading2>
      <Paragraph>{t('people.erase.intro', { name: person.name, email: person.email })}</Paragraph>
      <Paragraph className="lg-staff-label">{t('people.erase.deletedHeading')}</Paragraph>
      <UnorderedList>
        {(['account', 'learning', 'participation', 'access', 'mail'] as const).map((item) => (
          <UnorderedListItem key={item}>{t(`people.erase.deleted.${item}`)}</UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph className="lg-staff-label">{t('people.erase.keptHeading')}</Paragraph>
      <UnorderedList>
        {(['figures', 'evaluations', 'audit'] as const).map((item) => (
          <UnorderedListItem key={item}>{t(`people.erase.kept.${item}`)}</UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>
        <strong>{t('people.erase.irreversible')}</strong>
      </Paragraph>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form lg-staff-form" aria-busy={busy}>
        <TextField
          id={id('confirmEmail')}
          type="email"
          label={t('people.erase.confirmLabel', { email: person.email })}
          description={t('people.erase.confirmHint')}
          value={typed}
          error={problem?.fields.confirmEmail}
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          onChange={(event) => setTyped(event.target.value)}
        />
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            hint="danger"
            busy={busy}
            disabled={!matches}
            aria-describedby={matches ? undefined : lockedId}
          >
            {t('people.erase.submit', { name: person.name })}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('people.erase.cancel')}
          </Button>
        </ButtonGroup>
        {/* Why the button does not work yet, read with it and updated as the address is typed. */}
        <Paragraph id={lockedId} className="lg-staff-note" aria-live="polite">
          {matches ? t('people.erase.unlocked') : t('people.erase.locked')}
        </Paragraph>
      </form>
    </section>
  );
}

/** Counts per kind of data, in plain words. */
function CountTable({ caption, counts }: { caption: string; counts: Record<string, number> }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className="lg-staff-table">
        <TableCaption id={captionId}>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('people.report.kind')}</TableHeaderCell>
            <TableHeaderCell scope="col" className="lg-staff-table__number">
              {t('people.report.count')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {reportLines(counts).map(({ kind, count }) => (
            <TableRow key={kind}>
              <TableHeaderCell scope="row">{isErasureKind(kind) ? t(`people.kinds.${kind}`) : kind}</TableHeaderCell>
              <TableCell className="lg-staff-table__number">{count}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** What an erasure removed, and what it kept without a name, counted per kind in plain words. */
export function ErasureReportView({ name, report }: { name: string; report: ErasureReport }) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [report.userId]);
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1} className="lg-section__heading">
        {t('people.report.heading', { name })}
      </Heading2>
      <Paragraph>{t('people.report.intro')}</Paragraph>
      <CountTable caption={t('people.report.caption')} counts={report.removed} />
      <Paragraph>{t('people.report.keptIntro')}</Paragraph>
      <CountTable caption={t('people.report.keptCaption')} counts={report.anonymised} />
      <Paragraph>{t('people.report.kept')}</Paragraph>
    </section>
  );
}
