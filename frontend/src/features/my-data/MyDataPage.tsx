import '../../i18n/coaching';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { AccessLogTable } from './AccessLogTable';
import { useDownload } from '../../components/useDownload';
import { accessLogQuery, fetchExport, type ExportKind } from './queries';
import '../coaching/staff.css';

/**
 * /mijn-gegevens, for everyone signed in: who has read or changed my data (the audit log, AVG art. 15) and a
 * download of everything Leergang holds about me (art. 15 and 20).
 */
export function MyDataPage() {
  const { t } = useTranslation();
  usePageTitle(t('myData.title'));
  const logId = useId();
  const exportId = useId();
  return (
    <>
      <Heading1>{t('myData.title')}</Heading1>
      <Paragraph lead>{t('myData.intro')}</Paragraph>
      <section aria-labelledby={logId} className="lg-section">
        <Heading2 id={logId} className="lg-section__heading">
          {t('myData.log.heading')}
        </Heading2>
        <Paragraph>{t('myData.log.intro')}</Paragraph>
        <AccessLog />
      </section>
      <section aria-labelledby={exportId} className="lg-section">
        <Heading2 id={exportId} className="lg-section__heading">
          {t('myData.export.heading')}
        </Heading2>
        <Downloads />
      </section>
    </>
  );
}

function AccessLog() {
  const { t } = useTranslation();
  const query = useInfiniteQuery(accessLogQuery());
  const [loadedNote, setLoadedNote] = useState('');
  const noteRef = useRef<HTMLParagraphElement>(null);
  const entries = query.data?.pages.flatMap((page) => page.entries) ?? [];

  if (query.error && entries.length === 0) return <QueryErrorAlert error={query.error} />;
  if (!query.data) return <Loading />;
  if (entries.length === 0) return <Paragraph>{t('myData.log.none')}</Paragraph>;

  return (
    <>
      <AccessLogTable entries={entries} />
      {query.error && <QueryErrorAlert error={query.error} />}
      {/* Says how many lines came in after "Meer laden", as the table grows out of sight. */}
      <Paragraph role="status" ref={noteRef} tabIndex={-1} className="lg-staff-note">
        {loadedNote}
      </Paragraph>
      {query.hasNextPage && (
        <Button
          type="button"
          appearance="secondary-action-button"
          busy={query.isFetchingNextPage}
          onClick={() => {
            if (query.isFetchingNextPage) return;
            const before = entries.length;
            void query.fetchNextPage().then((result) => {
              const now = result.data?.pages.reduce((sum, page) => sum + page.entries.length, 0) ?? before;
              setLoadedNote(t('myData.log.loaded', { count: now - before, total: now }));
              // The button goes away after the last page: keep keyboard focus nearby rather than lost.
              if (!result.hasNextPage) noteRef.current?.focus();
            });
          }}
        >
          {t('myData.log.loadMore')}
        </Button>
      )}
    </>
  );
}

function Downloads() {
  const { t } = useTranslation();
  const { state, alertRef, download } = useDownload<ExportKind>();

  return (
    <>
      <Paragraph>{t('myData.export.intro')}</Paragraph>
      <UnorderedList>
        {(['account', 'learning', 'participation', 'log'] as const).map((item) => (
          <UnorderedListItem key={item}>{t(`myData.export.contains.${item}`)}</UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>{t('myData.export.evaluations')}</Paragraph>
      <Paragraph>{t('myData.export.logged')}</Paragraph>
      <ButtonGroup>
        <Button
          type="button"
          appearance="primary-action-button"
          busy={state.phase === 'busy' && state.kind === 'json'}
          onClick={() => void download('json', () => fetchExport('json'))}
        >
          {t('myData.export.json')}
        </Button>
        <Button
          type="button"
          appearance="secondary-action-button"
          busy={state.phase === 'busy' && state.kind === 'document'}
          onClick={() => void download('document', () => fetchExport('document'))}
        >
          {t('myData.export.document')}
        </Button>
      </ButtonGroup>
      <Paragraph role="status" className="lg-staff-note">
        {state.phase === 'busy' && t('myData.export.busy')}
        {state.phase === 'done' && t('myData.export.done', { file: state.fileName })}
      </Paragraph>
      {state.phase === 'failed' && (
        <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{state.title}</strong>
          </Paragraph>
          {state.detail && <Paragraph>{state.detail}</Paragraph>}
        </Alert>
      )}
    </>
  );
}
