import { Button } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReflectionItem } from './ReflectionItem';
import type { Reflection } from './types';

/**
 * Reflections newest first, with "Meer laden" for the next page. After loading more, focus moves to the first
 * new reflection, so keyboard users continue where the list grew instead of at its top.
 */
export function ReflectionList({
  items,
  hasMore,
  loadingMore,
  onMore,
  showAuthor = false,
}: {
  items: Reflection[];
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  showAuthor?: boolean;
}) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const [firstNew, setFirstNew] = useState<number | null>(null);

  useEffect(() => {
    if (firstNew === null || items.length <= firstNew) return;
    listRef.current?.children[firstNew]?.querySelector<HTMLElement>('a')?.focus();
    setFirstNew(null);
  }, [items.length, firstNew]);

  if (items.length === 0) return null;
  return (
    <>
      <ol ref={listRef} className="lg-reflection-list">
        {items.map((reflection) => (
          <li key={reflection.id}>
            <ReflectionItem reflection={reflection} showAuthor={showAuthor} />
          </li>
        ))}
      </ol>
      {hasMore && (
        <Button
          type="button"
          appearance="secondary-action-button"
          busy={loadingMore}
          onClick={() => {
            if (loadingMore) return;
            setFirstNew(items.length);
            onMore();
          }}
        >
          {loadingMore ? t('reflections.list.loadingMore') : t('reflections.list.more')}
        </Button>
      )}
    </>
  );
}
