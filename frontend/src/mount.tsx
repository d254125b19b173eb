import { QueryClientProvider } from '@tanstack/react-query';
import { startTransition, StrictMode } from 'react';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './api/queryClient';
import { createRoot } from './reactRoot';

/**
 * Renders the app into root; main.tsx loads this module while the session and first data are on their way. The
 * strings and the app's own pages and components are chunks of their own, each evaluated in a task of its own (see
 * firstPageChunks in vite.config.ts); index.html has already asked for them.
 */
export async function mount(root: HTMLElement): Promise<void> {
  const queryClient = createQueryClient();
  const { languageReady } = await import('./i18n');
  await languageReady; // a reader who chose English never sees the Dutch strings first
  const { App } = await import('./App');
  // As a transition, React renders in slices of a few milliseconds and lets the browser paint and handle input in
  // between, instead of one long task for the whole first page (which a slow phone feels as a frozen screen).
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    );
  });
}
