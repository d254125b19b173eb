import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, makeCohort } from '../../test/cohorts';
import { fakeApi, json, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { nico } from '../goals/testData';
import type { Portrait } from './types';

// The page is a lazy chunk: its first render waits for the import, which can take a while on a busy machine
// (several people share two cores), as can a long keyboard walk through a form.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const route = `/api/v1/cohorts/${cohort2026Id}/portrait`;
const consentSentence =
  'Ik geef toestemming om dit portret met mijn naam, gemeente en functie te publiceren op de openbare pagina van de leergang.';

function makePortrait(overrides: Partial<Portrait> = {}): Portrait {
  return {
    id: '00000000-0000-4000-8000-00000000b001',
    cohortId: cohort2026Id,
    cohortName: '2026–2027',
    programmeName: 'Leergang Digitaal Leiderschap',
    title: 'Van toeschouwer naar regisseur',
    body: 'Wat ik **meeneem**.',
    bodyHtml: '<p>Wat ik <strong>meeneem</strong>.</p>',
    status: 'draft',
    consentGivenAt: null,
    submittedAt: null,
    reviewedAt: null,
    reviewNote: '',
    publishedAt: null,
    updatedAt: '2026-11-20T10:00:00Z',
    version: 1,
    ...overrides,
  };
}

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    ...routes,
  });
}

describe('Mijn portret', () => {
  beforeEach(() => {
    resetSession();
  });

  it('creates the portrait without If-Match, then submits it only with the consent ticked', async () => {
    const { calls } = serve({
      [`GET ${route}`]: () => problem(404, { title: 'Niet gevonden' }),
      [`PUT ${route}`]: () => json(makePortrait(), 201),
      [`POST ${route}/submit`]: () =>
        json(makePortrait({ status: 'submitted', version: 2, consentGivenAt: '2026-11-21T09:00:00Z', submittedAt: '2026-11-21T09:00:00Z' })),
    });
    renderApp('/deelnemer/portret');
    const user = userEvent.setup();

    expect(await screen.findByText(/U heeft nog geen portret geschreven/)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Titel'), 'Van toeschouwer naar regisseur');
    await user.type(screen.getByLabelText('Tekst'), 'Wat ik meeneem.');
    await user.click(screen.getByRole('button', { name: 'Portret opslaan' }));

    expect(await screen.findByText('Uw portret is opgeslagen.')).toBeInTheDocument();
    const [put] = calls(`PUT ${route}`);
    expect(put!.headers.get('If-Match')).toBeNull();
    expect(await put!.json()).toEqual({ title: 'Van toeschouwer naar regisseur', body: 'Wat ik meeneem.' });
    expect(screen.getByText('Concept')).toBeInTheDocument();
    expect(screen.getByText('meeneem').tagName).toBe('STRONG');

    const consent = screen.getByRole('checkbox', { name: consentSentence });
    await user.click(screen.getByRole('button', { name: 'Indienen' }));
    expect(calls(`POST ${route}/submit`)).toHaveLength(0);
    expect(consent).toHaveAccessibleDescription('Vink aan dat u toestemming geeft, anders kan het portret niet worden ingediend.');
    expect(consent).toHaveFocus();

    await user.click(consent);
    await user.click(screen.getByRole('button', { name: 'Indienen' }));

    expect(await screen.findByText('Uw portret is ingediend. Het programmabureau beoordeelt het.')).toBeInTheDocument();
    const [submit] = calls(`POST ${route}/submit`);
    expect(submit!.headers.get('If-Match')).toBe('"1"');
    expect(await submit!.json()).toEqual({ consent: true });
    expect(screen.getByText('Ingediend')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Toestemming intrekken' })).toBeInTheDocument();
    expect(screen.getByText(/Slaat u een gewijzigde tekst op, dan vervalt uw toestemming/)).toBeInTheDocument();
  });

  it('shows the review note of a rejected portrait and offers to submit again', async () => {
    serve({
      [`GET ${route}`]: () =>
        json(makePortrait({ status: 'rejected', reviewedAt: '2026-11-22T15:30:00Z', reviewNote: 'Laat de naam van uw wethouder weg.' })),
    });
    renderApp('/deelnemer/portret');

    expect(await screen.findByText('Afgewezen')).toBeInTheDocument();
    expect(screen.getByText(/niet goedgekeurd/)).toHaveTextContent('22 november 2026 om 16:30');
    expect(screen.getByText('Laat de naam van uw wethouder weg.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: consentSentence })).not.toBeChecked();
  });

  it('withdraws consent of a published portrait after asking, with If-Match', async () => {
    const { calls } = serve({
      [`GET ${route}`]: () =>
        json(makePortrait({ status: 'approved', version: 4, consentGivenAt: '2026-11-21T09:00:00Z', publishedAt: '2026-11-22T09:00:00Z' })),
      [`POST ${route}/withdraw`]: () => json(makePortrait({ status: 'draft', version: 5 })),
    });
    renderApp('/deelnemer/portret');
    const user = userEvent.setup();

    expect(await screen.findByText('Goedgekeurd en gepubliceerd')).toBeInTheDocument();
    expect(screen.getByText(/Uw portret is gepubliceerd\. Slaat u een gewijzigde tekst op, dan gaat het direct offline/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Toestemming intrekken' }));
    await user.click(screen.getByRole('button', { name: 'Ja, toestemming intrekken' }));

    expect(await screen.findByText(/Uw toestemming is ingetrokken/)).toBeInTheDocument();
    expect(calls(`POST ${route}/withdraw`)[0]!.headers.get('If-Match')).toBe('"4"');
    await waitFor(() => expect(screen.getByText('Concept')).toBeInTheDocument());
  });

  it('refuses to overwrite a portrait changed elsewhere (412) and offers the latest version', async () => {
    let version = 2;
    serve({
      [`GET ${route}`]: () => json(makePortrait({ version, title: version === 2 ? 'Oude titel' : 'Nieuwe titel van elders' })),
      [`PUT ${route}`]: () => {
        version = 3;
        return problem(412, { title: 'Verouderde versie' });
      },
    });
    renderApp('/deelnemer/portret');
    const user = userEvent.setup();

    const title = await screen.findByLabelText('Titel');
    await user.clear(title);
    await user.type(title, 'Mijn titel');
    await user.click(screen.getByRole('button', { name: 'Portret opslaan' }));

    expect(await screen.findByText('Iemand anders heeft dit intussen gewijzigd')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Nieuwste versie laden' }));
    await waitFor(() => expect(screen.getByLabelText('Titel')).toHaveValue('Nieuwe titel van elders'));
  });
});
