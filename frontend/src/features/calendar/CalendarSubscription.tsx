import {
  Alert,
  Button,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading,
  OrderedList,
  OrderedListItem,
  Paragraph,
  Textbox,
} from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { formatMoment } from '../attendance/format';
import { calendarFeedKey, calendarFeedQuery, resetCalendarFeed } from './queries';
import './calendar.css';

type Level = 2 | 3;

/**
 * "Agenda-abonnement": make the personal iCalendar link, shown once with a copy button and how to add it to
 * Outlook or Google Calendar; later, replace it (after a confirmation, since the old link stops working).
 */
export function CalendarSubscription({ level }: { level: Level }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { data: feed, error } = useQuery(calendarFeedQuery());
  return (
    <section aria-labelledby={headingId} className="lg-section lg-calendar">
      <Heading level={level} id={headingId} className="lg-section__heading">
        {t('calendar.heading')}
      </Heading>
      <Paragraph>{t('calendar.intro')}</Paragraph>
      {feed ? (
        <FeedControls active={feed.active} since={feed.createdAt} level={level} />
      ) : error ? (
        <QueryErrorAlert error={error} />
      ) : (
        <Loading />
      )}
    </section>
  );
}

function FeedControls({ active, since, level }: { active: boolean; since: string | null; level: Level }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The secret URL lives only here, in memory, for as long as the page is open: the server cannot show it again.
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const resetButtonRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const createdRef = useRef<HTMLDivElement>(null);
  const confirmTitleId = useId();

  const reset = useMutation({
    mutationFn: resetCalendarFeed,
    onSuccess: (feed) => {
      setConfirming(false);
      setUrl(feed.url);
      queryClient.setQueryData(calendarFeedKey, { ...feed, url: null });
    },
  });

  useEffect(() => {
    if (url) createdRef.current?.focus();
  }, [url]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function cancel() {
    setConfirming(false);
    // Back where the keyboard user was, now that the question is gone.
    requestAnimationFrame(() => resetButtonRef.current?.focus());
  }

  const failure = reset.error && (
    <Alert type="error" role="alert" className="lg-alert">
      <Paragraph>
        <strong>{isApiError(reset.error) ? (reset.error.problem?.title ?? t('errors.load.unexpected')) : t('errors.load.network')}</strong>
      </Paragraph>
    </Alert>
  );

  if (url) {
    return (
      <>
        <Alert type="ok" ref={createdRef} tabIndex={-1} className="lg-alert">
          <Paragraph>{t('calendar.created')}</Paragraph>
        </Alert>
        <FeedLink url={url} />
        <Paragraph>
          <strong>{t('calendar.personal')}</strong>
        </Paragraph>
        <Instructions level={level} />
      </>
    );
  }

  if (confirming) {
    return (
      <div className="lg-calendar__confirm" role="group" aria-labelledby={confirmTitleId}>
        <Alert type="warning" ref={confirmRef} tabIndex={-1} className="lg-alert">
          <Paragraph id={confirmTitleId}>
            <strong>{t('calendar.confirmTitle')}</strong>
          </Paragraph>
          <Paragraph>{t('calendar.confirmBody')}</Paragraph>
        </Alert>
        {failure}
        <ButtonGroup>
          <Button
            type="button"
            appearance="primary-action-button"
            busy={reset.isPending}
            onClick={() => !reset.isPending && reset.mutate()}
          >
            {reset.isPending ? t('calendar.working') : t('calendar.confirmYes')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={cancel}>
            {t('calendar.confirmNo')}
          </Button>
        </ButtonGroup>
      </div>
    );
  }

  if (active) {
    return (
      <>
        <Paragraph>{t('calendar.activeSince', { when: since ? formatMoment(since) : '?' })}</Paragraph>
        <Paragraph>{t('calendar.lost')}</Paragraph>
        <Button ref={resetButtonRef} type="button" appearance="secondary-action-button" onClick={() => setConfirming(true)}>
          {t('calendar.reset')}
        </Button>
      </>
    );
  }

  return (
    <>
      <Paragraph>{t('calendar.personal')}</Paragraph>
      {failure}
      <Button
        type="button"
        appearance="primary-action-button"
        busy={reset.isPending}
        onClick={() => !reset.isPending && reset.mutate()}
      >
        {reset.isPending ? t('calendar.working') : t('calendar.create')}
      </Button>
    </>
  );
}

/** The link in a read-only field (selected on focus, for copying by hand) with a copy button. */
function FeedLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const id = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyStatus, setCopyStatus] = useState<'copied' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyStatus('copied');
    } catch {
      // No clipboard access (an older browser, or permission refused): select it for Ctrl+C instead.
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopyStatus('failed');
    }
  }

  return (
    <div className="lg-calendar__link">
      <FormField
        label={<FormLabel htmlFor={id}>{t('calendar.urlLabel')}</FormLabel>}
        description={
          <FormFieldDescription id={statusId} role="status">
            {copyStatus === 'copied' ? t('calendar.copied') : copyStatus === 'failed' ? t('calendar.copyFailed') : ''}
          </FormFieldDescription>
        }
      >
        <Textbox
          id={id}
          ref={inputRef}
          value={url}
          readOnly
          aria-describedby={statusId}
          className="lg-calendar__url"
          onFocus={(event) => event.currentTarget.select()}
        />
      </FormField>
      <Button type="button" appearance="secondary-action-button" onClick={() => void copy()}>
        {t('calendar.copy')}
      </Button>
    </div>
  );
}

function Instructions({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <div className="lg-calendar__instructions">
      {(['outlook', 'google'] as const).map((app) => (
        <div key={app}>
          <Heading level={level + 1}>{t(`calendar.${app}.heading`)}</Heading>
          <OrderedList>
            {(['step1', 'step2', 'step3'] as const).map((step) => (
              <OrderedListItem key={step}>{t(`calendar.${app}.${step}`)}</OrderedListItem>
            ))}
          </OrderedList>
        </div>
      ))}
    </div>
  );
}
