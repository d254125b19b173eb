import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { formId, makeDraft, makeMyEvaluation, nico } from './testData';
import type { EvaluationAnswersInput, EvaluationDraft, MyEvaluation } from './types';

// Autosave waits a second after the last change; with a busy machine the page needs a little more besides.
configure({ asyncUtilTimeout: 6000 });
vi.setConfig({ testTimeout: 40_000 });

const path = `/evaluaties/${formId}`;
const getRoute = `GET /api/v1/me/evaluations/${formId}`;
const draftRoute = `PUT /api/v1/me/evaluations/${formId}/draft`;
const submitRoute = `POST /api/v1/me/evaluations/${formId}/submission`;

function withEtag(body: unknown, version: number, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ETag: `"${version}"` },
  });
}

function serve(
  evaluation: () => MyEvaluation = () => makeMyEvaluation(),
  routes: Record<string, (request: Request) => Response | Promise<Response>> = {},
) {
  let version = 0;
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    [getRoute]: () => {
      const current = evaluation();
      return current.draft ? withEtag(current, current.draft.version) : json(current);
    },
    [draftRoute]: async (request) => {
      const body = (await request.clone().json()) as EvaluationAnswersInput;
      version += 1;
      return withEtag({ answers: body.answers, updatedAt: '2026-12-04T13:32:00Z', version } satisfies EvaluationDraft, version);
    },
    'GET /api/v1/me/evaluations': () => json({ evaluations: [] }),
    ...routes,
  });
}

const question = (name: RegExp | string) => screen.getByRole('group', { name });
const scaleName = 'Hoe waardeert u de bijeenkomst? (verplicht)';
const recommendationName = 'Zou u deze bijeenkomst aanbevelen aan een collega? (verplicht)';
/** A value of the scale question, once the page is there. */
async function scale(name: string) {
  return within(await screen.findByRole('group', { name: scaleName })).getByRole('radio', { name });
}
const recommend = (name: string) => within(question(recommendationName)).getByRole('radio', { name });

describe('answering an evaluation', () => {
  beforeEach(() => {
    resetSession();
  });

  it('asks each kind of question in its own way, with the closing moment up front', async () => {
    serve();
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: 'Evaluatie bijeenkomst' })).toBeInTheDocument();
    expect(screen.getByText('Open tot', { exact: false })).toHaveTextContent('Open tot 17 dec 2026, 17:00');

    const scale = question('Hoe waardeert u de bijeenkomst? (verplicht)');
    expect(within(scale).getAllByRole('radio').map((radio) => radio.closest('.utrecht-form-field')?.textContent)).toEqual([
      '1 — slecht',
      '2',
      '3',
      '4',
      '5 — uitstekend',
    ]);
    expect(within(scale).getByRole('radio', { name: '1 — slecht' })).toBeRequired();

    const recommendation = question('Zou u deze bijeenkomst aanbevelen aan een collega? (verplicht)');
    const values = within(recommendation).getAllByRole('radio');
    expect(values).toHaveLength(11);
    expect(values[0]).toHaveAccessibleName('0 — zeker niet');
    expect(values[5]).toHaveAccessibleName('5');
    expect(values[10]).toHaveAccessibleName('10 — absoluut een aanrader');

    const choice = question('Hoe was het tempo?');
    expect(within(choice).getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['te-langzaam', 'goed', 'te-snel']);
    expect(within(choice).getByRole('radio', { name: 'Goed' })).not.toBeRequired();

    const text = screen.getByRole('textbox', { name: 'Wat neemt u mee naar uw eigen gemeente?' });
    expect(text).toHaveAccessibleDescription('Een paar zinnen is genoeg.');
    expect(screen.getByRole('checkbox', { name: 'Dit antwoord mag zonder naam gedeeld worden met het A&O-fonds' })).not.toBeChecked();

    // What sending means is said before the button, and tied to it.
    expect(screen.getByRole('button', { name: 'Antwoorden versturen' })).toHaveAccessibleDescription(
      'Na het versturen worden uw antwoorden zonder uw naam bewaard. U kunt ze daarna niet meer inzien of wijzigen.',
    );
  });

  it('saves a draft a second after a change, then each next one with If-Match of the last ETag, and says so politely', async () => {
    const { calls } = serve();
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await scale('4'));
    await waitFor(() => expect(calls(draftRoute)).toHaveLength(1));
    const [first] = calls(draftRoute);
    expect(first!.headers.get('If-Match')).toBeNull();
    expect(await first!.json()).toEqual({ answers: { 'waardering-bijeenkomst': { value: 4 } } });
    const status = await screen.findByText('Concept opgeslagen om 14:32');
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toHaveAttribute('aria-live', 'polite');

    await user.type(screen.getByRole('textbox', { name: 'Wat neemt u mee naar uw eigen gemeente?' }), 'Datagedreven sturen');
    await user.click(screen.getByRole('checkbox', { name: 'Dit antwoord mag zonder naam gedeeld worden met het A&O-fonds' }));
    // Typing and ticking within a second: one save for all of it.
    await waitFor(() => expect(calls(draftRoute)).toHaveLength(2));
    const second = calls(draftRoute)[1]!;
    expect(second.headers.get('If-Match')).toBe('"1"');
    expect(await second.json()).toEqual({
      answers: {
        'waardering-bijeenkomst': { value: 4 },
        toelichting: { text: 'Datagedreven sturen', shareWithFunder: true },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(calls(draftRoute)).toHaveLength(2);
  });

  it('continues from a saved draft, based on its ETag', async () => {
    const { calls } = serve(() =>
      makeMyEvaluation({ draft: makeDraft({ version: 7, answers: { 'waardering-bijeenkomst': { value: 2 }, tempo: { choice: 'goed' } } }) }),
    );
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    expect(await scale('2')).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Goed' })).toBeChecked();
    // An optional answer can be taken back.
    await user.click(screen.getByRole('button', { name: 'Antwoord wissen: Hoe was het tempo?' }));
    expect(screen.getByRole('radio', { name: 'Goed' })).not.toBeChecked();

    await waitFor(() => expect(calls(draftRoute)).toHaveLength(1));
    expect(calls(draftRoute)[0]!.headers.get('If-Match')).toBe('"7"');
    expect(await calls(draftRoute)[0]!.json()).toEqual({ answers: { 'waardering-bijeenkomst': { value: 2 } } });
  });

  it('reloads the draft and says so when another tab saved in between (412)', async () => {
    let loads = 0;
    const { calls } = serve(
      () => {
        loads += 1;
        return loads === 1
          ? makeMyEvaluation({ draft: makeDraft({ version: 1, answers: {} }) })
          : makeMyEvaluation({ draft: makeDraft({ version: 2, answers: { 'waardering-bijeenkomst': { value: 5 } } }) });
      },
      { [draftRoute]: () => problem(412, { title: 'Precondition Failed' }) },
    );
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await scale('3'));

    expect(await screen.findByText(/Uw antwoorden zijn intussen in een ander venster of tabblad opgeslagen/)).toBeInTheDocument();
    expect(await scale('5 — uitstekend')).toBeChecked();
    expect(await scale('3')).not.toBeChecked();
    expect(calls(draftRoute)[0]!.headers.get('If-Match')).toBe('"1"');
  });

  it('lists unanswered required questions before sending, each a link to its question', async () => {
    const { calls } = serve();
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await scale('4'));
    await user.click(screen.getByRole('button', { name: 'Antwoorden versturen' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Er is nog 1 verplichte vraag niet beantwoord');
    await waitFor(() => expect(summary.closest('.utrecht-alert')).toHaveFocus());
    const recommendation = question('Zou u deze bijeenkomst aanbevelen aan een collega? (verplicht)');
    expect(recommendation).toHaveAccessibleDescription('Beantwoord de vraag ‘Zou u deze bijeenkomst aanbevelen aan een collega?’.');
    await user.click(within(summary).getByRole('link', { name: 'Beantwoord de vraag ‘Zou u deze bijeenkomst aanbevelen aan een collega?’.' }));
    expect(within(recommendation).getByRole('radio', { name: '0 — zeker niet' })).toHaveFocus();
    expect(calls(submitRoute)).toHaveLength(0);
  });

  it('sends the answers once with an Idempotency-Key, reused when the same attempt is retried, and thanks with focus', async () => {
    let attempts = 0;
    const { calls } = serve(() => makeMyEvaluation(), {
      [submitRoute]: () => {
        attempts += 1;
        // The client itself retries a lost answer twice (same key); only then does the user hear of it.
        if (attempts <= 3) throw new TypeError('Failed to fetch');
        return json({ formId, submittedAt: '2026-12-04T14:05:00Z', answered: 2 }, 201);
      },
    });
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await scale('4'));
    await user.click(recommend('10 — absoluut een aanrader'));
    await user.click(screen.getByRole('button', { name: 'Antwoorden versturen' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Er is geen verbinding met de server');
    await user.click(screen.getByRole('button', { name: 'Antwoorden versturen' }));

    const thanks = await screen.findByRole('heading', { level: 2, name: 'Dank u wel' });
    await waitFor(() => expect(thanks).toHaveFocus());
    expect(screen.getByText('Uw antwoorden op 2 vragen zijn op 4 dec 2026, 15:05 zonder uw naam bewaard.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Antwoorden versturen' })).not.toBeInTheDocument();

    const sent = calls(submitRoute);
    const key = sent[0]!.headers.get('Idempotency-Key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.map((request) => request.headers.get('Idempotency-Key'))).toEqual([key, key, key, key]);
    expect(await sent[3]!.json()).toEqual({
      answers: { 'waardering-bijeenkomst': { value: 4 }, aanbeveling: { value: 10 } },
    });
  });

  it('shows the server’s answer errors at their questions (422)', async () => {
    serve(() => makeMyEvaluation(), {
      [submitRoute]: () =>
        problem(422, {
          title: 'Niet alle vragen zijn goed beantwoord',
          errors: [{ field: 'answers.aanbeveling', code: 'range', message: 'Kies een waarde van 0 tot en met 10.' }],
        }),
    });
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await scale('4'));
    await user.click(recommend('7'));
    await user.click(screen.getByRole('button', { name: 'Antwoorden versturen' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Niet alle vragen zijn goed beantwoord');
    const recommendation = question('Zou u deze bijeenkomst aanbevelen aan een collega? (verplicht)');
    expect(recommendation).toHaveAccessibleDescription('Kies een waarde van 0 tot en met 10.');
    await user.click(within(summary).getByRole('link', { name: 'Kies een waarde van 0 tot en met 10.' }));
    expect(within(recommendation).getByRole('radio', { name: '0 — zeker niet' })).toHaveFocus();
    // Still there to correct and send again.
    expect(screen.getByRole('button', { name: 'Antwoorden versturen' })).toBeEnabled();
  });

  it('says so instead of showing the form when it is answered, closed or not open yet', async () => {
    serve(() => makeMyEvaluation({ submittedAt: '2026-12-05T09:00:00Z', questions: [] }));
    const first = renderApp(path);
    expect(await screen.findByText(/U heeft deze evaluatie ingevuld op 5 dec 2026, 10:00/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Antwoorden versturen' })).not.toBeInTheDocument();
    first.unmount();

    serve(() => makeMyEvaluation({ state: 'closed' }));
    const second = renderApp(path);
    expect(await screen.findByText('Deze evaluatie is gesloten sinds 17 dec 2026, 17:00. Invullen kan niet meer.')).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    second.unmount();

    serve(() => makeMyEvaluation({ state: 'upcoming' }));
    renderApp(path);
    expect(await screen.findByText('Deze evaluatie gaat open op 3 dec 2026, 17:00. U kunt haar dan invullen.')).toBeInTheDocument();
  });

  it('shows the not-found page for a form that is not the participant’s', async () => {
    serve(() => makeMyEvaluation(), { [getRoute]: () => problem(404, { title: 'Niet gevonden' }) });
    renderApp(path);
    expect(await screen.findByRole('heading', { level: 1, name: /niet gevonden/i })).toBeInTheDocument();
  });
});
