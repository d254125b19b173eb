import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { admin, makeForm, programme, programmeId, templateId } from './testData';
import type { EvaluationForm, EvaluationFormInput } from './types';

// The pages are lazy chunks and the builder is long: a busy machine (two cores, shared) needs time.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 60_000 });

const newPath = `/beheer/leergangen/${programmeId}/evaluaties/nieuw`;
const editPath = `/beheer/evaluatieformulieren/${templateId}`;
const createRoute = `POST /api/v1/programmes/${programmeId}/evaluation-templates`;
const formRoute = `/api/v1/evaluation-forms/${templateId}`;

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(admin)),
    [`GET /api/v1/programmes/${programmeId}`]: () => json(programme),
    [`GET /api/v1/programmes/${programmeId}/evaluation-templates`]: () => json({ templates: [] }),
    [`GET ${formRoute}`]: () => json(makeForm()),
    ...routes,
  });
}

const legends = () =>
  screen.getAllByRole('group', { name: /^Vraag \d+:/ }).map((group) => group.querySelector('legend')?.textContent);

describe('the form builder', () => {
  beforeEach(() => {
    resetSession();
  });

  it('adds a question of each kind, reorders them by keyboard and sends them in that order', async () => {
    const { calls } = serve({
      [createRoute]: async (request) => {
        const body = (await request.clone().json()) as EvaluationFormInput;
        return json(makeForm({ title: body.title, questions: [] }), 201);
      },
    });
    renderApp(newPath);
    const user = userEvent.setup({ delay: null });

    await user.type(await screen.findByLabelText('Titel'), 'Evaluatie module');
    await user.type(screen.getByLabelText('Beschrijving'), 'Na elke module.');

    // A scale: focus goes to its prompt; labels per value.
    await user.click(screen.getByRole('button', { name: 'Schaalvraag (1–5)' }));
    expect(screen.getByRole('textbox', { name: 'Vraag' })).toHaveFocus();
    await user.keyboard('Hoe waardeert u de module?');
    const scale = screen.getByRole('group', { name: 'Vraag 1: Hoe waardeert u de module?' });
    expect(within(scale).getByLabelText('Soort vraag')).toHaveValue('scale');
    await user.type(within(scale).getByLabelText('Label bij 1'), 'slecht');
    await user.type(within(scale).getByLabelText('Label bij 5'), 'uitstekend');
    await user.click(within(scale).getByRole('checkbox', { name: 'Verplicht om te beantwoorden' }));

    // A recommendation: labels at 0 and 10 only.
    await user.click(screen.getByRole('button', { name: 'Aanbevelingsvraag (0–10)' }));
    await user.keyboard('Zou u de module aanbevelen?');
    const recommendation = screen.getByRole('group', { name: 'Vraag 2: Zou u de module aanbevelen?' });
    expect(within(recommendation).queryByLabelText('Label bij 5')).not.toBeInTheDocument();
    await user.type(within(recommendation).getByLabelText('Label bij 10'), 'absoluut een aanrader');

    // A choice: two options to fill; a value is made from the text.
    await user.click(screen.getByRole('button', { name: 'Keuzevraag' }));
    await user.keyboard('Hoe was het tempo?');
    const choice = screen.getByRole('group', { name: 'Vraag 3: Hoe was het tempo?' });
    await user.type(within(choice).getByLabelText('Optie 1: tekst'), 'Te langzaam');
    await user.tab();
    expect(within(choice).getByLabelText('Optie 1: waarde')).toHaveValue('te-langzaam');
    await user.type(within(choice).getByLabelText('Optie 2: tekst'), 'Goed');
    await user.click(within(choice).getByRole('button', { name: 'Optie toevoegen' }));
    expect(within(choice).getByLabelText('Optie 3: tekst')).toHaveFocus();
    await user.keyboard('Te snel');
    // Leaving the text filled in the value; the admin chooses another.
    await user.clear(within(choice).getByLabelText('Optie 3: waarde'));
    await user.type(within(choice).getByLabelText('Optie 3: waarde'), 'snel');

    // An open question.
    await user.click(screen.getByRole('button', { name: 'Open vraag' }));
    await user.keyboard('Wat neemt u mee?');

    // Reorder with the keyboard: the open question to the top, the focus staying with it.
    const up = screen.getByRole('button', { name: 'Vraag 4 omhoog' });
    up.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByText('‘Wat neemt u mee?’ staat nu op plaats 3 van 4.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Vraag 3 omhoog' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    // At the top its up button is disabled: focus moved to its down button.
    expect(screen.getByRole('button', { name: 'Vraag 1 omhoog' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Vraag 1 omlaag' })).toHaveFocus();
    expect(legends()).toEqual([
      'Vraag 1: Wat neemt u mee?',
      'Vraag 2: Hoe waardeert u de module?',
      'Vraag 3: Zou u de module aanbevelen?',
      'Vraag 4: Hoe was het tempo?',
    ]);

    await user.click(screen.getByRole('button', { name: 'Formulier opslaan' }));

    expect(await screen.findByText('Het formulier ‘Evaluatie module’ is opgeslagen.')).toBeInTheDocument();
    const [request] = calls(createRoute);
    expect((await request!.json()) as EvaluationFormInput).toEqual({
      title: 'Evaluatie module',
      description: 'Na elke module.',
      questions: [
        { kind: 'text', prompt: 'Wat neemt u mee?', helpText: '', required: false },
        { kind: 'scale', prompt: 'Hoe waardeert u de module?', helpText: '', required: true, labels: { '1': 'slecht', '5': 'uitstekend' } },
        { kind: 'recommendation', prompt: 'Zou u de module aanbevelen?', helpText: '', required: false, labels: { '10': 'absoluut een aanrader' } },
        {
          kind: 'choice',
          prompt: 'Hoe was het tempo?',
          helpText: '',
          required: false,
          choices: [
            { value: 'te-langzaam', label: 'Te langzaam' },
            { value: 'goed', label: 'Goed' },
            { value: 'snel', label: 'Te snel' },
          ],
        },
      ],
    } satisfies EvaluationFormInput);
  });

  it('removes a question and says so, with focus on adding the next', async () => {
    serve();
    renderApp(newPath);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Open vraag' }));
    await user.keyboard('Eerste');
    await user.click(screen.getByRole('button', { name: 'Open vraag' }));
    await user.keyboard('Tweede');

    await user.click(screen.getByRole('button', { name: 'Vraag 1 verwijderen' }));

    expect(legends()).toEqual(['Vraag 1: Tweede']);
    expect(screen.getByText('‘Eerste’ is verwijderd.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Schaalvraag (1–5)' })).toHaveFocus();
  });

  it('asks for a title, a prompt and two options before sending', async () => {
    const { calls } = serve();
    renderApp(newPath);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Keuzevraag' }));
    await user.click(screen.getByRole('button', { name: 'Formulier opslaan' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Niet alles is goed ingevuld');
    expect(screen.getByLabelText('Titel')).toHaveAccessibleDescription('Geef het formulier een titel.');
    expect(screen.getByRole('textbox', { name: 'Vraag' })).toHaveAccessibleDescription('Vul de vraag in.');
    expect(screen.getByLabelText('Optie 2: tekst')).toHaveAccessibleDescription('Vul de tekst van deze optie in.');
    expect(calls(createRoute)).toHaveLength(0);
  });

  it('maps the server’s field errors to the inputs of the right question and links to them', async () => {
    serve({
      [`PUT ${formRoute}`]: () =>
        problem(422, {
          title: 'Niet alle velden zijn goed ingevuld',
          errors: [
            { field: 'questions[0].labels', code: 'invalid', message: 'Een label is 1 tot 100 tekens.' },
            { field: 'questions[2].choices[0].label', code: 'invalid', message: 'Een optie heeft een waarde en een label van 1 tot 200 tekens.' },
            { field: 'questions[2].choices[1]', code: 'duplicate', message: 'Deze waarde komt al voor bij deze vraag.' },
            { field: 'questions[3].key', code: 'duplicate', message: 'Deze sleutel komt al voor in dit formulier.' },
          ],
        }),
    });
    renderApp(editPath);
    const user = userEvent.setup({ delay: null });
    // A new question, so that it has a key input of its own.
    await user.click(await screen.findByRole('button', { name: 'Open vraag' }));
    await user.keyboard('Nog iets?');
    // Now the new one is the fifth; move it up so that it is the fourth, as the server's error says.
    await user.click(screen.getByRole('button', { name: 'Vraag 5 omhoog' }));
    await user.click(screen.getByRole('button', { name: 'Formulier opslaan' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary.closest('.utrecht-alert')).toHaveFocus());
    expect(summary).toHaveTextContent('Niet alle velden zijn goed ingevuld');

    const scale = screen.getByRole('group', { name: 'Vraag 1: Hoe waardeert u de bijeenkomst?' });
    expect(within(scale).getByRole('group', { name: 'Labels bij de waarden (niet verplicht)' })).toHaveAccessibleDescription(
      'Een label is 1 tot 100 tekens.',
    );
    const choice = screen.getByRole('group', { name: 'Vraag 3: Hoe was het tempo?' });
    expect(within(choice).getByLabelText('Optie 1: tekst')).toHaveAccessibleDescription(
      'Een optie heeft een waarde en een label van 1 tot 200 tekens.',
    );
    expect(within(choice).getByLabelText('Optie 2: tekst')).toHaveAccessibleDescription('Deze waarde komt al voor bij deze vraag.');
    const added = screen.getByRole('group', { name: 'Vraag 4: Nog iets?' });
    expect(within(added).getByLabelText('Sleutel (niet verplicht)')).toHaveAccessibleDescription(
      /Deze sleutel komt al voor in dit formulier\./,
    );

    await user.click(within(summary).getByRole('link', { name: 'Een label is 1 tot 100 tekens.' }));
    expect(within(scale).getByLabelText('Label bij 1')).toHaveFocus();
    await user.click(within(summary).getByRole('link', { name: 'Deze waarde komt al voor bij deze vraag.' }));
    expect(within(choice).getByLabelText('Optie 2: tekst')).toHaveFocus();
    await user.click(within(summary).getByRole('link', { name: 'Deze sleutel komt al voor in dit formulier.' }));
    expect(within(added).getByLabelText('Sleutel (niet verplicht)')).toHaveFocus();
  });

  it('explains what a form with answers still allows, and shows the server’s refusal (409) clearly', async () => {
    const locked = makeForm({ locked: true, responses: 14 });
    const { calls } = serve({
      [`GET ${formRoute}`]: () => json(locked),
      [`PUT ${formRoute}`]: () =>
        problem(409, {
          title: 'Dit formulier is al ingevuld',
          detail: 'Deze wijziging maakt de antwoorden onvergelijkbaar. Maak een nieuwe versie van het formulier.',
          errors: [
            { field: 'questions', code: 'choice_removed', message: 'De optie ‘Te snel’ van ‘Hoe was het tempo?’ is al gekozen en kan niet weg.' },
          ],
        }),
    });
    renderApp(editPath);
    const user = userEvent.setup({ delay: null });

    expect(await screen.findByText('Dit formulier is al 14 keer ingevuld')).toBeInTheDocument();
    expect(screen.getByText(/vragen toevoegen die niet verplicht zijn/)).toBeInTheDocument();
    const scale = screen.getByRole('group', { name: 'Vraag 1: Hoe waardeert u de bijeenkomst?' });
    expect(within(scale).getByLabelText('Soort vraag')).toBeDisabled();
    expect(within(scale).getByLabelText('Soort vraag')).toHaveAccessibleDescription('Deze vraag is al beantwoord: de soort ligt vast.');
    // Stored questions cannot go; they can be reworded and moved.
    expect(screen.queryByRole('button', { name: /^Vraag \d+ verwijderen$/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Vraag 2 omhoog' })).toBeEnabled();
    const choice = screen.getByRole('group', { name: 'Vraag 3: Hoe was het tempo?' });
    expect(within(choice).getByLabelText('Optie 1: waarde')).toHaveAttribute('readonly');
    expect(within(choice).queryByRole('button', { name: /verwijderen/ })).not.toBeInTheDocument();

    // A new question on an answered form cannot be required.
    await user.click(screen.getByRole('button', { name: 'Open vraag' }));
    await user.keyboard('Nog een vraag');
    const added = screen.getByRole('group', { name: 'Vraag 5: Nog een vraag' });
    expect(within(added).getByRole('checkbox', { name: 'Verplicht om te beantwoorden' })).toBeDisabled();
    expect(within(added).getByRole('button', { name: 'Vraag 5 verwijderen' })).toBeInTheDocument();

    await user.clear(within(scale).getByRole('textbox', { name: 'Vraag' }));
    await user.type(within(scale).getByRole('textbox', { name: 'Vraag' }), 'Hoe waardeert u deze bijeenkomst?');
    await user.click(screen.getByRole('button', { name: 'Formulier opslaan' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Dit formulier is al ingevuld');
    expect(alert).toHaveTextContent('Maak een nieuwe versie van het formulier.');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('De optie ‘Te snel’ van ‘Hoe was het tempo?’ is al gekozen en kan niet weg.');
    const [request] = calls(`PUT ${formRoute}`);
    expect(request!.headers.get('If-Match')).toBe('"3"');
    const body = (await request!.json()) as EvaluationFormInput;
    // Stored questions keep their keys, so their answers stay theirs.
    expect(body.questions.map((question) => question.key)).toEqual(['waardering-bijeenkomst', 'aanbeveling', 'tempo', 'toelichting', undefined]);
  });

  it('offers the newest version when someone else saved first (412), and starts from it', async () => {
    let version = 3;
    serve({
      [`GET ${formRoute}`]: () =>
        json(version === 3 ? makeForm() : makeForm({ title: 'Evaluatie bijeenkomst (herzien)', version })),
      [`PUT ${formRoute}`]: () => {
        version = 4;
        return problem(412, { title: 'Precondition Failed' });
      },
    });
    renderApp(editPath);
    const user = userEvent.setup({ delay: null });
    const title = await screen.findByLabelText('Titel');
    await user.clear(title);
    await user.type(title, 'Mijn titel');
    await user.click(screen.getByRole('button', { name: 'Formulier opslaan' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Iemand anders heeft dit intussen veranderd');
    await user.click(screen.getByRole('button', { name: 'Nieuwste versie laden (uw wijzigingen vervallen)' }));

    await waitFor(() => expect(screen.getByLabelText('Titel')).toHaveValue('Evaluatie bijeenkomst (herzien)'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('De nieuwste versie is geladen.')).toBeInTheDocument();
  });

  it('saves a change with If-Match and confirms it', async () => {
    const { calls } = serve({
      [`PUT ${formRoute}`]: async (request) => {
        const body = (await request.clone().json()) as EvaluationFormInput;
        return json({ ...makeForm(), title: body.title, version: 4 } satisfies EvaluationForm);
      },
    });
    renderApp(editPath);
    const user = userEvent.setup({ delay: null });
    const title = await screen.findByLabelText('Titel');
    await user.clear(title);
    await user.type(title, 'Evaluatie van de bijeenkomst');
    await user.click(screen.getByRole('button', { name: 'Formulier opslaan' }));

    const note = await screen.findByText('De wijzigingen in ‘Evaluatie van de bijeenkomst’ zijn opgeslagen.');
    await waitFor(() => expect(note.closest('.utrecht-alert')).toHaveFocus());
    expect(calls(`PUT ${formRoute}`)[0]!.headers.get('If-Match')).toBe('"3"');

    // The next save is based on the version the server gave back.
    await user.click(screen.getByRole('button', { name: 'Formulier opslaan' }));
    await waitFor(() => expect(calls(`PUT ${formRoute}`)).toHaveLength(2));
    expect(calls(`PUT ${formRoute}`)[1]!.headers.get('If-Match')).toBe('"4"');
  });
});
