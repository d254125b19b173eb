import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { SpeakerProfile } from './types';

/** The confirmed speakers of a session, with their role and organisation: what a participant may see. */
export function SpeakerNames({ speakers }: { speakers: SpeakerProfile[] }) {
  const { t } = useTranslation();
  if (speakers.length === 0) return null;
  return (
    <div className="lg-session__speakers">
      <Paragraph className="lg-session__meta">{t('planner.card.speakers', { count: speakers.length })}</Paragraph>
      <ul className="lg-session__speaker-list">
        {speakers.map((speaker) => (
          <li key={speaker.id}>
            <strong>{speaker.name}</strong>
            {[speaker.roleTitle, speaker.organisation].filter(Boolean).map((part) => `, ${part}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
