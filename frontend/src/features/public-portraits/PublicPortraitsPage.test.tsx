import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { PublicPortraits } from './queries';

const route = 'GET /api/v1/public/programmes/digitaal-leiderschap/portraits';

const page: PublicPortraits = {
  programme: {
    name: 'Leergang Digitaal Leiderschap',
    slug: 'digitaal-leiderschap',
    description: 'Voor gemeentesecretarissen die digitalisering willen leiden.',
  },
  portraits: [
    {
      id: '00000000-0000-4000-8000-0000000000b1',
      title: 'Van de hack in Buren naar een digitale agenda',
      bodyHtml: '<p>Het was <em>absoluut een aanrader</em>.</p>',
      authorName: 'Nico Middelbos',
      gemeente: 'Kampen',
      jobTitle: 'Gemeentesecretaris',
      cohortName: '2021–2022',
      publishedAt: '2022-04-12T12:00:00Z',
    },
  ],
};

// A whole page, lazily loaded: generous time on a busy machine.
describe('the public portraits of a programme', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows every published portrait to a visitor who is not signed in, without sending a token', async () => {
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }),
      [route]: () => json(page),
    });
    renderApp('/portretten/digitaal-leiderschap');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Portretten — Leergang Digitaal Leiderschap' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Voor gemeentesecretarissen die digitalisering willen leiden.')).toBeInTheDocument();
    const article = screen.getByRole('article', { name: 'Van de hack in Buren naar een digitale agenda' });
    expect(article).toHaveTextContent('Nico Middelbos — Gemeentesecretaris, Kampen');
    expect(article).toHaveTextContent('Groep 2021–2022 · Gepubliceerd op 12 apr 2022');
    expect(within(article).getByText('absoluut een aanrader').tagName).toBe('EM');
    expect(calls(route)[0]!.headers.get('Authorization')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Inloggen' })).not.toBeInTheDocument();
  });

  it('is the not-found page for a programme that does not exist', async () => {
    fakeApi({ 'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }) });
    renderApp('/portretten/bestaat-niet');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });
});
