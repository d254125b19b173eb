import { useEffect } from 'react';

/**
 * The document title of a step within a page (the login's second step): set while the step is shown, and the
 * page's own title back when it goes, so the title always names what is on screen.
 */
export function useStepTitle(title: string): void {
  useEffect(() => {
    const before = document.title;
    document.title = `${title} | Leergang`;
    return () => {
      document.title = before;
    };
  }, [title]);
}
