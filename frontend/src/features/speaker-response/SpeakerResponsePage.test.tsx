import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { Invitation } from './queries';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
const route = `/api/v1/speaker-invitations/${token}`;

function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    speakerName: 'Michiel van Dalen',
    status: 'invited',
    canRespond: true,
    respondedAt: null,
    expiresAt: '2026-12-01T12:00:00Z',
    session: {
      title: 'Informatieveiligheid: lessen uit de hack in Buren',
      programmeName: 'Leergang Digitaal Leiderschap',
      cohortName: '2026–2027',
      moduleTitle: 'Samenwerking en netwerken',
      startsAt: '2026-10-29T12:30:00Z',
      endsAt: '2026-10-29T16:00:00Z',
      date: '2026-10-29',
      startTime: '13:30',
      endDate: '2026-10-29',
      endTime: '17:00',
      venue: 'VNG, Nassaulaan 12, Den Haag',
      onlineUrl: null,
      agenda: '13:30 Inloop',
      topics: ['Informatieveiligheid'],
      status: 'scheduled',
    },
    ...overrides,
  };
}

describe('speaker response page', () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows the invitation without an account and records a confirmation, telling the speaker it worked', async () => {
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }),
      [`GET ${route}`]: () => json(invitation()),
      [`POST ${route}`]: () => json(invitation({ status: 'confirmed', canRespond: false, respondedAt: '2026-11-23T10:00:00Z' })),
    });
    renderApp(`/spreker/uitnodiging?token=${token}`);

    expect(await screen.findByRole('heading', { level: 2, name: 'Informatieveiligheid: lessen uit de hack in Buren' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Uitnodiging om te spreken']);
    expect(screen.getByText('Beste Michiel van Dalen,')).toBeInTheDocument();
    expect(screen.getByText('donderdag 29 oktober 2026, 13:30–17:00')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Ja, ik kom spreken' }));

    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent('Dank u wel. U heeft bevestigd dat u komt spreken.');
    expect(done.closest('.utrecht-alert')).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Ja, ik kom spreken' })).not.toBeInTheDocument();
    const [answer] = calls(`POST ${route}`);
    expect(await answer!.json()).toEqual({ response: 'confirm' });
    expect(answer!.headers.get('Authorization')).toBeNull();
  });

  it('says in words why a link no longer works', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }),
      [`GET ${route}`]: () => problem(400, { title: 'Deze link is verlopen', detail: 'De termijn om via deze link te antwoorden is voorbij.' }),
    });
    renderApp(`/spreker/uitnodiging?token=${token}`);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Deze link is verlopen');
    expect(screen.queryByRole('button', { name: 'Ja, ik kom spreken' })).not.toBeInTheDocument();
  });

  it('shows an answered invitation as answered, without buttons', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }),
      [`GET ${route}`]: () => json(invitation({ status: 'declined', canRespond: false, respondedAt: '2026-11-20T09:00:00Z' })),
    });
    renderApp(`/spreker/uitnodiging?token=${token}`);

    expect(await screen.findByText(/U heeft al laten weten dat u niet kunt/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ja, ik kom spreken' })).not.toBeInTheDocument();
  });
});
