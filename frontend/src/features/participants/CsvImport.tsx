import '../../i18n/staff';
import { Button, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FileField } from '../../components/fields';
import { fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { readCsvFile } from './csvFile';
import { ImportReportTable } from './ImportReportTable';
import { importParticipants, participantKeys } from './queries';
import type { ImportReport } from './types';

/**
 * Enrols a group from a CSV file in two steps: first a check (a dry run that writes nothing) with the report per
 * row, then the import of the rows that are fine. The check and the import send the same file content.
 */
export function CsvImport({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const reportHeadingRef = useRef<HTMLHeadingElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ csv: string; name: string; report: ImportReport } | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('import', field);

  useEffect(() => {
    if (checked) reportHeadingRef.current?.focus();
  }, [checked]);

  async function onCheck(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setChecked(null);
    if (!file) {
      setProblem({ title: t('manage.form.invalid'), fields: { file: t('manage.import.errors.noFile') } });
      return;
    }
    const read = await readCsvFile(file);
    if ('error' in read) {
      setProblem({ title: t('manage.form.invalid'), fields: { file: read.error } });
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const report = await importParticipants(cohortId, read.text, true);
      setChecked({ csv: read.text, name: file.name, report });
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  async function onImport() {
    if (!checked || busy) return;
    setBusy(true);
    try {
      const report = await importParticipants(cohortId, checked.csv, false);
      setChecked({ ...checked, report });
      await queryClient.invalidateQueries({ queryKey: participantKeys.cohort(cohortId) });
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  const report = checked?.report;
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId}>{t('manage.import.title')}</Heading2>
      <Paragraph>{t('manage.import.intro')}</Paragraph>
      <Paragraph>{t('manage.import.exampleLabel')}</Paragraph>
      <pre className="lg-admin-csv-example">
        {'naam;email;gemeente;functie\nNico Middelbos;nico.middelbos@kampen.example;Kampen;Gemeentesecretaris'}
      </pre>
      {problem && <ErrorSummary problem={problem} fieldId={id} />}
      <form noValidate onSubmit={(event) => void onCheck(event)} className="lg-form lg-admin-form" aria-busy={busy}>
        <FileField
          id={id('file')}
          label={t('manage.import.file')}
          description={t('manage.import.fileHint')}
          accept=".csv,text/csv"
          error={problem?.fields.file}
          onFile={(chosen) => {
            setFile(chosen);
            setChecked(null);
          }}
        />
        <Button type="submit" appearance="secondary-action-button" busy={busy}>
          {t('manage.import.check')}
        </Button>
      </form>
      {checked && report && (
        <section aria-labelledby={`${headingId}-report`} className="lg-admin-subsection">
          <Heading3 id={`${headingId}-report`} ref={reportHeadingRef} tabIndex={-1}>
            {report.dryRun ? t('manage.import.checkedTitle') : t('manage.import.doneTitle')}
          </Heading3>
          <ImportReportTable report={report} fileName={checked.name} />
          {report.dryRun && report.imported > 0 && (
            <Button type="button" appearance="primary-action-button" busy={busy} onClick={() => void onImport()}>
              {t('manage.import.import', { count: report.imported })}
            </Button>
          )}
        </section>
      )}
    </section>
  );
}
