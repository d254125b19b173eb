import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../goals/format';
import type { Reflection } from './types';
import { VisibilityBadge } from './VisibilityBadge';

/** A reflection's heading: its title, or the day it was written when it has none. */
export function reflectionTitle(t: (key: string, options?: Record<string, unknown>) => string, reflection: Pick<Reflection, 'title' | 'writtenOn'>): string {
  return reflection.title?.trim() || t('reflections.untitled', { date: formatDate(reflection.writtenOn, currentLanguage()) });
}

/** One reflection in a list: date, title (a link to it), who can read it, module and session, comments. */
export function ReflectionItem({
  reflection,
  showAuthor = false,
  level = 3,
}: {
  reflection: Reflection;
  showAuthor?: boolean;
  level?: 2 | 3;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <article className="lg-reflection-item">
      <Heading level={level} className="lg-reflection-item__title">
        <RouterLink to={`/reflecties/${reflection.id}`}>{reflectionTitle(t, reflection)}</RouterLink>
      </Heading>
      <Paragraph className="lg-reflection-item__meta">
        <time dateTime={reflection.writtenOn}>{formatDate(reflection.writtenOn, lng)}</time>
        {showAuthor && <> · {reflection.author.name}</>} <VisibilityBadge visibility={reflection.visibility} />
      </Paragraph>
      {(reflection.module || reflection.session) && (
        <Paragraph className="lg-reflection-item__context">
          {reflection.module && t('reflections.item.module', { title: reflection.module.title })}
          {reflection.module && reflection.session && ' · '}
          {reflection.session && t('reflections.item.session', { title: reflection.session.title })}
        </Paragraph>
      )}
      {reflection.snippet && <Paragraph className="lg-reflection-item__snippet">{reflection.snippet}</Paragraph>}
      <Paragraph className="lg-reflection-item__comments">{t('reflections.item.comments', { count: reflection.commentCount })}</Paragraph>
    </article>
  );
}
