import '../../i18n/report';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../api/types';
import { RouterLink } from '../../components/RouterLink';
import { LinkButton } from '../goals/LinkButton';
import { reportPath } from './access';

/** On the reviewer's home: per programme they review, a prominent way to its evaluation report. */
export function ReviewerReportLinks({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const programmes = new Map<string, string>();
  for (const grant of grants) if (grant.role === 'reviewer') programmes.set(grant.programmeId, grant.programmeName);
  if (programmes.size === 0) return null;
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId} className="lg-section__heading">
        {t('report.links.homeHeading')}
      </Heading2>
      <Paragraph>{t('report.links.homeIntro')}</Paragraph>
      {/* Paragraphs, like the other links on the homes. */}
      {[...programmes].map(([id, name]) => (
        <Paragraph key={id}>
          <LinkButton to={reportPath(id)}>{t('report.links.homeLink', { programme: name })}</LinkButton>
        </Paragraph>
      ))}
    </section>
  );
}

/** On the admin's programme page (and elsewhere a programme or cohort is shown): the way to its report. */
export function ReportLink({ programmeId, cohortId }: { programmeId: string; cohortId?: string | null }) {
  const { t } = useTranslation();
  return <RouterLink to={reportPath(programmeId, cohortId)}>{t('report.links.link')}</RouterLink>;
}
