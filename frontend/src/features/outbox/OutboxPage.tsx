import '../../i18n/staff';
import {
  Button,
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { formatMoment } from '../attendance/format';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { StatusText } from './StatusText';
import { outboxQuery } from './queries';
import './outbox.css';

const mailPath = (id: number) => `/beheer/mail/${id}`;

/** /beheer/mail, for admins: every outgoing mail, newest first, a page at a time. */
export function OutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('outbox.title'));
  const captionId = useId();
  const { data, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery(outboxQuery());
  const items = data?.pages.flatMap((page) => page.items) ?? [];
  // After "Meer laden", focus moves to the first mail that came in, so keyboard users continue where the list grew.
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    if (focusFrom === null || items.length <= focusFrom) return;
    listRef.current?.querySelector<HTMLAnchorElement>(`a[href="${mailPath(items[focusFrom]!.id)}"]`)?.focus();
    setAnnouncement(t('outbox.loaded', { count: items.length - focusFrom }));
    setFocusFrom(null);
  }, [focusFrom, items, t]);

  if (isApiError(error, 403)) return <ForbiddenPage />;

  return (
    <>
      <Heading1>{t('outbox.title')}</Heading1>
      <Paragraph>{t('outbox.intro')}</Paragraph>
      {error && items.length === 0 ? (
        <QueryErrorAlert error={error} />
      ) : !data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Paragraph>{t('outbox.empty')}</Paragraph>
      ) : (
        <>
          <div className="lg-outbox__scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
            <Table className="lg-outbox">
              <TableCaption id={captionId}>{t('outbox.caption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('outbox.created')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('outbox.subject')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('outbox.to')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('outbox.kind')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('outbox.status')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="lg-outbox__number">
                    {t('outbox.attempts')}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody ref={listRef}>
                {items.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell className="lg-outbox__when">
                      <time dateTime={item.createdAt}>{formatMoment(item.createdAt)}</time>
                    </TableCell>
                    <TableHeaderCell scope="row" className="lg-outbox__subject">
                      <RouterLink to={mailPath(item.id)}>{item.subject}</RouterLink>
                    </TableHeaderCell>
                    <TableCell>
                      {item.toName ? (
                        <>
                          {item.toName}
                          <span className="lg-outbox__address">{item.to}</span>
                        </>
                      ) : (
                        item.to
                      )}
                    </TableCell>
                    <TableCell>
                      <code>{item.kind}</code>
                    </TableCell>
                    <TableCell>
                      <StatusText item={item} />
                    </TableCell>
                    <TableCell className="lg-outbox__number">{item.attempts}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {error && <QueryErrorAlert error={error} />}
          {hasNextPage ? (
            <Button
              type="button"
              appearance="secondary-action-button"
              busy={isFetchingNextPage}
              onClick={() => {
                if (isFetchingNextPage) return;
                setFocusFrom(items.length);
                void fetchNextPage();
              }}
            >
              {isFetchingNextPage ? t('outbox.loadingMore') : t('outbox.more')}
            </Button>
          ) : (
            <Paragraph>{t('outbox.allLoaded')}</Paragraph>
          )}
        </>
      )}
      <Paragraph role="status" className="lg-outbox__announcement">
        {announcement}
      </Paragraph>
    </>
  );
}
