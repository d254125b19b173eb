import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { PortraitForReview } from './queries';

const admin = makeUser({ id: '00000000-0000-4000-8000-00000000ad01', name: 'Marieke Jansen', isAdmin: true, grants: [] });
const portraitId = '00000000-0000-4000-8000-0000000000b1';

function makePortrait(overrides: Partial<PortraitForReview> = {}): PortraitForReview {
  return {
    id: portraitId,
    cohortId: '00000000-0000-4000-8000-000000002021',
    cohortName: '2021–2022',
    programmeName: 'Leergang Digitaal Leiderschap',
    programmeSlug: 'digitaal-leiderschap',
    title: 'Van de hack in Buren naar een digitale agenda',
    body: 'Wat ik **leerde**.',
    bodyHtml: '<p>Wat ik <strong>leerde</strong>.</p>',
    status: 'submitted',
    consentGivenAt: '2022-03-30T10:00:00Z',
    submittedAt: '2022-03-30T10:00:00Z',
    reviewedAt: null,
    reviewNote: '',
    publishedAt: null,
    updatedAt: '2022-03-30T10:00:00Z',
    version: 4,
    author: { id: '00000000-0000-4000-8000-000000000001', name: 'Nico Middelbos' },
    gemeente: 'Kampen',
    jobTitle: 'Gemeentesecretaris',
    ...overrides,
  };
}

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  return fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(admin)), ...routes });
}

async function findCard() {
  return screen.findByRole('article', { name: 'Van de hack in Buren naar een digitale agenda' }, { timeout: 10_000 });
}

// Whole pages, lazily loaded: generous time on a busy machine.
describe('reviewing portraits', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows each submitted portrait with its author, municipality, cohort, date and text', async () => {
    const { calls } = serve({ 'GET /api/v1/admin/portraits': () => json({ portraits: [makePortrait()] }) });
    renderApp('/beheer/portretten');

    const card = await findCard();
    expect(card).toHaveTextContent('AuteurNico Middelbos');
    expect(card).toHaveTextContent('GemeenteKampen');
    expect(card).toHaveTextContent('FunctieGemeentesecretaris');
    expect(card).toHaveTextContent('GroepLeergang Digitaal Leiderschap — 2021–2022');
    expect(card).toHaveTextContent('Ingediend op30 mrt 2022, 12:00');
    expect(within(card).getByText('leerde').tagName).toBe('STRONG');
    expect(calls('GET /api/v1/admin/portraits').map((r) => new URL(r.url).search)).toEqual(['?status=submitted']);

    await userEvent.selectOptions(screen.getByLabelText('Toon portretten'), 'Alle');
    await waitFor(() => expect(calls('GET /api/v1/admin/portraits').at(-1)!.url).toMatch(/status=all$/));
  });

  it('requires a note to reject, and sends it with the version it was read at', async () => {
    let rejected = false;
    const { calls } = serve({
      'GET /api/v1/admin/portraits': () => json({ portraits: rejected ? [] : [makePortrait()] }),
      [`POST /api/v1/admin/portraits/${portraitId}/reject`]: () => {
        rejected = true;
        return json(makePortrait({ status: 'rejected', reviewNote: 'Graag zonder namen.', version: 5 }));
      },
    });
    renderApp('/beheer/portretten');
    const card = await findCard();

    await userEvent.click(within(card).getByRole('button', { name: 'Portret ‘Van de hack in Buren naar een digitale agenda’ afwijzen' }));
    const note = within(card).getByLabelText('Toelichting voor de deelnemer');
    expect(note).toHaveFocus();

    await userEvent.click(within(card).getByRole('button', { name: 'Portret afwijzen' }));

    expect(note).toHaveAccessibleDescription(/Schrijf een toelichting voor de deelnemer\./);
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(within(card).getByRole('link', { name: 'Schrijf een toelichting voor de deelnemer.' })).toBeInTheDocument();
    expect(calls(`POST /api/v1/admin/portraits/${portraitId}/reject`)).toHaveLength(0);

    await userEvent.type(note, '  Graag zonder namen.  ');
    await userEvent.click(within(card).getByRole('button', { name: 'Portret afwijzen' }));

    const done = await screen.findByText(/Het portret ‘Van de hack in Buren naar een digitale agenda’ is afgewezen\./);
    const [request] = calls(`POST /api/v1/admin/portraits/${portraitId}/reject`);
    expect(request!.headers.get('If-Match')).toBe('"4"');
    expect(await request!.json()).toEqual({ note: 'Graag zonder namen.' });
    // The portrait leaves the list of submitted ones; the outcome stays, and says so where focus is.
    expect(await screen.findByText('Er wachten geen portretten op beoordeling.')).toBeInTheDocument();
    await waitFor(() => expect(done.closest('.utrecht-alert')).toHaveFocus());
  });

  it('approves after asking, with If-Match, and links to the public page', async () => {
    const { calls } = serve({
      'GET /api/v1/admin/portraits': () => json({ portraits: [makePortrait()] }),
      [`POST /api/v1/admin/portraits/${portraitId}/approve`]: () =>
        json(makePortrait({ status: 'approved', publishedAt: '2026-11-23T10:00:00Z', version: 5 })),
    });
    renderApp('/beheer/portretten');
    const card = await findCard();

    await userEvent.click(
      within(card).getByRole('button', { name: 'Portret ‘Van de hack in Buren naar een digitale agenda’ goedkeuren en publiceren' }),
    );
    expect(within(card).getByRole('group', { name: /met de naam, gemeente en functie van Nico Middelbos/ })).toBeInTheDocument();
    expect(calls(`POST /api/v1/admin/portraits/${portraitId}/approve`)).toHaveLength(0);
    await userEvent.click(within(card).getByRole('button', { name: 'Ja, goedkeuren en publiceren' }));

    expect(await screen.findByRole('link', { name: 'Bekijk de openbare pagina' })).toHaveAttribute(
      'href',
      '/portretten/digitaal-leiderschap',
    );
    expect(calls(`POST /api/v1/admin/portraits/${portraitId}/approve`)[0]!.headers.get('If-Match')).toBe('"4"');
  });

  it('says when someone else changed the portrait first, and offers the newest version', async () => {
    const { calls } = serve({
      'GET /api/v1/admin/portraits': () => json({ portraits: [makePortrait()] }),
      [`POST /api/v1/admin/portraits/${portraitId}/approve`]: () =>
        problem(412, { title: 'Iemand anders heeft dit intussen gewijzigd', detail: 'Er is niets opgeslagen.' }),
    });
    renderApp('/beheer/portretten');
    const card = await findCard();
    await userEvent.click(within(card).getByRole('button', { name: /goedkeuren en publiceren$/ }));
    await userEvent.click(within(card).getByRole('button', { name: 'Ja, goedkeuren en publiceren' }));

    expect(await within(card).findByRole('alert')).toHaveTextContent('Iemand anders heeft dit intussen gewijzigdEr is niets opgeslagen.');
    await userEvent.click(within(card).getByRole('button', { name: 'Nieuwste versie laden' }));
    await waitFor(() => expect(calls('GET /api/v1/admin/portraits')).toHaveLength(2));
  });
});
