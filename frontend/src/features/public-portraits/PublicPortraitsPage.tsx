import '../../i18n/coaching';
import { Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RichText } from '../../components/RichText';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDay } from '../../i18n/dates';
import { NotFoundPage } from '../errors/NotFoundPage';
import { usePublicPortraits, type PublicPortraits } from './queries';
import '../coaching/staff.css';

/**
 * /portretten/:slug, public (no login): the stories of participants who agreed to publish them, each approved by
 * the programme office.
 */
export function PublicPortraitsPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { data, error } = usePublicPortraits(slug);
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (data) return <PortraitsView data={data} />;
  return <Pending title={t('publicPortraits.title')} error={error} />;
}

function Pending({ title, error }: { title: string; error: Error | null }) {
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function PortraitsView({ data }: { data: PublicPortraits }) {
  const { t } = useTranslation();
  const { programme, portraits } = data;
  usePageTitle(t('publicPortraits.titleOf', { programme: programme.name }));
  const listId = useId();
  return (
    <>
      <Heading1>{t('publicPortraits.titleOf', { programme: programme.name })}</Heading1>
      {programme.description && <Paragraph lead className="lg-staff-text">{programme.description}</Paragraph>}
      <section aria-labelledby={listId} className="lg-section">
        <Heading2 id={listId} className="lg-section__heading">
          {t('publicPortraits.heading')}
        </Heading2>
        {portraits.length === 0 ? (
          <Paragraph>{t('publicPortraits.none')}</Paragraph>
        ) : (
          <ul className="lg-staff-list">
            {portraits.map((portrait) => (
              <li key={portrait.id}>
                <PortraitArticle portrait={portrait} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function PortraitArticle({ portrait }: { portrait: PublicPortraits['portraits'][number] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const who = [portrait.jobTitle, portrait.gemeente].filter(Boolean).join(', ');
  return (
    <article aria-labelledby={headingId} className="lg-staff-card lg-public-portrait">
      <Heading3 id={headingId} className="lg-staff-card__heading">
        {portrait.title}
      </Heading3>
      <Paragraph className="lg-staff-card__meta">
        <strong>{portrait.authorName}</strong>
        {who && ` — ${who}`}
      </Paragraph>
      <Paragraph className="lg-staff-card__meta">
        {t('publicPortraits.cohort', { cohort: portrait.cohortName })}
        {' · '}
        {t('publicPortraits.published')}{' '}
        <time dateTime={portrait.publishedAt}>{formatDay(portrait.publishedAt)}</time>
      </Paragraph>
      <RichText html={portrait.bodyHtml} className="lg-staff-richtext" />
    </article>
  );
}
