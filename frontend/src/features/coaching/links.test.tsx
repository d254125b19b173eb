import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohortGrant, makeCohort } from '../../test/cohorts';
import { fakeApi, json, makeUser, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const cohort = makeCohort();

describe('the ways into coaching, portrait review and erasure', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('gives a facilitator a Coaching link per cohort they run', async () => {
    const ruud = makeUser({ name: 'Ruud Begeleider', grants: [cohortGrant('facilitator', cohort)] });
    fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(ruud)) });
    renderApp('/begeleider');

    const link = await screen.findByRole('link', { name: 'Coaching van 2026–2027 (Leergang Digitaal Leiderschap)' }, { timeout: 10_000 });
    expect(link).toHaveAttribute('href', `/groepen/${cohort.id}/coaching`);
    expect(link).toHaveTextContent('Coaching');
  });

  it('gives an admin the portrait review and the people pages', async () => {
    const admin = makeUser({ name: 'Marieke Jansen', isAdmin: true, grants: [] });
    fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(admin)) });
    renderApp('/beheer');

    expect(await screen.findByRole('link', { name: 'Portretten beoordelen' }, { timeout: 10_000 })).toHaveAttribute(
      'href',
      '/beheer/portretten',
    );
    expect(screen.getByRole('link', { name: 'Personen en gegevens wissen' })).toHaveAttribute('href', '/beheer/personen');
  });
});
