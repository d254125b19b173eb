import { Alert, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useDownload } from '../../components/useDownload';
import { fetchReportExport } from './queries';
import type { ExportFormat } from './types';

const formats: { format: ExportFormat; appearance: 'primary-action-button' | 'secondary-action-button' }[] = [
  { format: 'pdf', appearance: 'primary-action-button' },
  { format: 'xlsx', appearance: 'secondary-action-button' },
  { format: 'csv', appearance: 'secondary-action-button' },
];

/**
 * The same report as a file: CSV and Excel to work with, a PDF with the charts to file. Fetched with the bearer
 * token (a plain link could not send it) and saved under the server's file name. Busy and done are said in a
 * live region; a failure in an alert that takes focus.
 */
export function Downloads({
  id,
  programmeId,
  cohortId,
  scope,
}: {
  id: string;
  programmeId: string;
  cohortId: string | null;
  scope: string;
}) {
  const { t } = useTranslation();
  const { state, alertRef, download } = useDownload<ExportFormat>();

  return (
    <section aria-labelledby={id} className="lg-section lg-report-downloads">
      <Heading2 id={id} className="lg-section__heading">
        {t('report.downloads.heading')}
      </Heading2>
      <Paragraph>{t('report.downloads.intro', { scope })}</Paragraph>
      <ButtonGroup>
        {formats.map(({ format, appearance }) => (
          <Button
            key={format}
            type="button"
            appearance={appearance}
            busy={state.phase === 'busy' && state.kind === format}
            aria-disabled={state.phase === 'busy' ? true : undefined}
            onClick={() => void download(format, () => fetchReportExport(programmeId, cohortId, format))}
          >
            {t(`report.downloads.${format}`)}
          </Button>
        ))}
      </ButtonGroup>
      <Paragraph role="status" className="lg-staff-note">
        {state.phase === 'busy' && t('report.downloads.busy', { format: t(`report.downloads.formatName.${state.kind}`) })}
        {state.phase === 'done' && t('report.downloads.done', { file: state.fileName })}
      </Paragraph>
      {state.phase === 'failed' && (
        <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{t('report.downloads.failed')}</strong> {state.title}
          </Paragraph>
          {state.detail && <Paragraph>{state.detail}</Paragraph>}
        </Alert>
      )}
    </section>
  );
}
