import '../../i18n/staff';
import { Button, ButtonGroup, Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { Me } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { SavedAlert, type Outcome } from '../planner/SavedAlert';
import '../planner/planner.css';
import { programmeSpeakersQuery, type Speaker } from './queries';
import { SpeakerForm } from './SpeakerForm';

/**
 * /leergangen/:programmeId/sprekers: the programme's speakers and the shared ones, for its facilitators and
 * admins. Contact details are theirs only; participants see a speaker's public profile with the sessions.
 */
export function SpeakersPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { programmeId = '' } = useParams();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  usePageTitle(t('planner.speakers.title'));
  const { data: speakers, error } = useQuery(programmeSpeakersQuery(programmeId));
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [focusAdd, setFocusAdd] = useState(false);
  const addRef = useRef<HTMLButtonElement>(null);
  const addHeadingId = useId();
  useEffect(() => {
    if (!adding && focusAdd) addRef.current?.focus();
  }, [adding, focusAdd]);

  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;

  return (
    <>
      <Heading1>{t('planner.speakers.title')}</Heading1>
      <Paragraph lead>{t('planner.speakers.intro')}</Paragraph>
      {from && (
        <Paragraph>
          <RouterLink to={from}>{t('planner.speakers.back')}</RouterLink>
        </Paragraph>
      )}
      <section aria-labelledby={addHeadingId} className="lg-section">
        <Heading2 id={addHeadingId}>{t('planner.speakers.addHeading')}</Heading2>
        {outcome?.at === 'new' && <SavedAlert outcome={outcome} />}
        {adding ? (
          <SpeakerForm
            programmeId={programmeId}
            canShare={user.isAdmin}
            onSaved={(saved) => {
              setAdding(false);
              setOutcome({ at: 'new', kind: 'ok', title: t('planner.speakers.added', { name: saved.name }), warnings: [] });
            }}
            onCancel={() => {
              setFocusAdd(true);
              setAdding(false);
            }}
          />
        ) : (
          <Button
            ref={addRef}
            type="button"
            appearance="primary-action-button"
            onClick={() => {
              setOutcome(null);
              setFocusAdd(false);
              setAdding(true);
            }}
          >
            {t('planner.speakers.add')}
          </Button>
        )}
      </section>
      {error && <QueryErrorAlert error={error} />}
      {!speakers && !error && <Loading />}
      {speakers && (
        <ul className="lg-speaker-directory" aria-label={t('planner.speakers.listLabel')}>
          {speakers.map((speaker) => (
            <li key={speaker.id}>
              <SpeakerCard
                speaker={speaker}
                programmeId={programmeId}
                outcome={outcome?.at === speaker.id ? outcome : null}
                onOutcome={setOutcome}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function SpeakerCard({
  speaker,
  programmeId,
  outcome,
  onOutcome,
}: {
  speaker: Speaker;
  programmeId: string;
  outcome: Outcome | null;
  onOutcome: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [focusEdit, setFocusEdit] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const nameId = useId();
  useEffect(() => {
    if (!editing && focusEdit) editRef.current?.focus();
  }, [editing, focusEdit]);

  return (
    <article className="lg-speaker-card" aria-labelledby={nameId}>
      <Heading2 id={nameId}>
        {speaker.name}
        {speaker.programmeId === null && (
          <>
            {' '}
            <StatusBadge status="neutral">{t('planner.speakers.sharedBadge')}</StatusBadge>
          </>
        )}
      </Heading2>
      {(speaker.roleTitle || speaker.organisation) && (
        <Paragraph>{[speaker.roleTitle, speaker.organisation].filter(Boolean).join(', ')}</Paragraph>
      )}
      {speaker.topics.length > 0 && <Paragraph>{t('planner.session.topics', { topics: speaker.topics.join(', ') })}</Paragraph>}
      {speaker.bio && <Paragraph>{speaker.bio}</Paragraph>}
      <dl className="lg-speaker-contact" aria-label={t('planner.speakers.private')}>
        <dt>{t('planner.speakers.email')}</dt>
        <dd>{speaker.email ?? t('planner.speakers.unknown')}</dd>
        <dt>{t('planner.speakers.phone')}</dt>
        <dd>{speaker.phone ?? t('planner.speakers.unknown')}</dd>
      </dl>
      {outcome && <SavedAlert outcome={outcome} />}
      {editing ? (
        <SpeakerForm
          programmeId={programmeId}
          speaker={speaker}
          canShare={false}
          onSaved={(saved) => {
            setEditing(false);
            onOutcome({ at: saved.id, kind: 'ok', title: t('planner.speakers.saved', { name: saved.name }), warnings: [] });
          }}
          onCancel={() => {
            setFocusEdit(true);
            setEditing(false);
          }}
        />
      ) : (
        <ButtonGroup>
          <Button
            ref={editRef}
            type="button"
            appearance="secondary-action-button"
            aria-label={t('planner.speakers.editLabel', { name: speaker.name })}
            onClick={() => {
              setFocusEdit(false);
              setEditing(true);
            }}
          >
            {t('planner.session.edit')}
          </Button>
        </ButtonGroup>
      )}
    </article>
  );
}
