import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../api/types';
import { RouterLink } from './RouterLink';

/**
 * One card per programme or cohort the user holds a role in, exactly as /me reports it. With `linkCohorts`, a
 * cohort's name links to its page; reviewers do not get that, as they may only see aggregates.
 */
export function GrantList({
  grants,
  showRole = false,
  linkCohorts = false,
}: {
  grants: Grant[];
  showRole?: boolean;
  linkCohorts?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ul className="lg-card-list">
      {grants.map((grant) => {
        const name = grant.cohortName ? `${grant.programmeName} — ${grant.cohortName}` : grant.programmeName;
        return (
          <li key={`${grant.role}:${grant.programmeId}:${grant.cohortId ?? ''}`} className="lg-card">
            <Heading2 className="lg-card__heading">
              {linkCohorts && grant.cohortId ? <RouterLink to={`/groepen/${grant.cohortId}`}>{name}</RouterLink> : name}
            </Heading2>
            {!grant.cohortName && <Paragraph className="lg-card__text">{t('home.allCohorts')}</Paragraph>}
            {showRole && <Paragraph className="lg-card__text">{t(`home.role.${grant.role}`)}</Paragraph>}
          </li>
        );
      })}
    </ul>
  );
}
