import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../api/types';

/** One card per programme or cohort the user holds a role in, exactly as /me reports it. */
export function GrantList({ grants, showRole = false }: { grants: Grant[]; showRole?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="lg-card-list">
      {grants.map((grant) => (
        <li key={`${grant.role}:${grant.programmeId}:${grant.cohortId ?? ''}`} className="lg-card">
          <Heading2 className="lg-card__heading">
            {grant.cohortName ? `${grant.programmeName} — ${grant.cohortName}` : grant.programmeName}
          </Heading2>
          {!grant.cohortName && <Paragraph className="lg-card__text">{t('home.allCohorts')}</Paragraph>}
          {showRole && <Paragraph className="lg-card__text">{t(`home.role.${grant.role}`)}</Paragraph>}
        </li>
      ))}
    </ul>
  );
}
