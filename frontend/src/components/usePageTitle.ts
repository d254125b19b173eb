import { useEffect } from 'react';

/** Every page gets its own document title (WCAG 2.4.2), which screen readers read on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} | Leergang`;
  }, [title]);
}
