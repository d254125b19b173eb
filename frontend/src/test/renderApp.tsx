import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { MemoryRouter } from 'react-router';
import { App } from '../App';
import { createQueryClient } from '../api/queryClient';

/** The whole app at one URL, in StrictMode as in production builds' development twin, with an empty cache. */
export function renderApp(path = '/') {
  return render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter initialEntries={[path]}>
          <App />
        </MemoryRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}
