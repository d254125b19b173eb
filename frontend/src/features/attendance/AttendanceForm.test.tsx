import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, cohortGrant, makeCohort } from '../../test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { AttendanceUpdate, SessionAttendance } from './types';
import { annemiek, futureSessionId, heldSessionId, joost, makeRates, makeSheet, nico, record } from './testData';

const facilitator = makeUser({ name: 'Ruud Verbeek', grants: [cohortGrant('facilitator', makeCohort())] });
const page = `/groepen/${cohort2026Id}/aanwezigheid`;
const sheetRoute = (id: string) => `/api/v1/sessions/${id}/attendance`;

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(facilitator)),
    [`GET /api/v1/cohorts/${cohort2026Id}/attendance`]: () => json(makeRates()),
    [`GET ${sheetRoute(heldSessionId)}`]: () => json(makeSheet()),
    ...routes,
  });
}

const group = (name: string) => screen.getByRole('radiogroup', { name });
const sentLines = async (request: Request | undefined) => ((await request!.json()) as AttendanceUpdate).records;

describe('taking attendance', () => {
  beforeEach(() => {
    resetSession();
  });

  it('opens on the latest held session with the whole group, one radio group per participant', async () => {
    serve();
    renderApp(page);

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanwezigheid' })).toBeInTheDocument();
    await screen.findByRole('table', { name: /^Aanwezigheid bij Datagericht werken in de praktijk/ });
    expect(screen.getByLabelText('Bijeenkomst')).toHaveValue(heldSessionId);
    expect(screen.getAllByRole('radiogroup')).toHaveLength(3);
    for (const name of ['Annemiek de Vries', 'Joost Hendriks', 'Nico Middelbos']) {
      const radios = within(group(name)).getAllByRole('radio');
      expect(radios.map((radio) => radio.getAttribute('value'))).toEqual(['present', 'excused', 'absent']);
    }
    // What is recorded, and by whom, is said in words next to the choice.
    expect(within(group('Joost Hendriks')).getByRole('radio', { name: 'Afwezig' })).toBeChecked();
    expect(group('Joost Hendriks')).toHaveAccessibleDescription(/Afwezig, door Ruud Verbeek op 8 okt 2026, 18:00/);
    expect(group('Nico Middelbos')).toHaveAccessibleDescription('Nog niet vastgelegd');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('is filled in with the keyboard alone and saves only the changed lines, with their versions', async () => {
    const { calls } = serve({
      [`PUT ${sheetRoute(heldSessionId)}`]: () =>
        json(
          makeSheet(
            {},
            [
              record({ userId: annemiek, name: 'Annemiek de Vries', status: 'present', version: 1, recordedAt: '2026-11-23T10:00:00Z', recordedByName: 'Ruud Verbeek' }),
              record({ userId: joost, name: 'Joost Hendriks', status: 'excused', version: 3, recordedAt: '2026-11-23T10:00:00Z', recordedByName: 'Ruud Verbeek' }),
              record({}),
            ],
            5,
          ),
        ),
    });
    renderApp(page);
    await screen.findByRole('radiogroup', { name: 'Annemiek de Vries' });
    const user = userEvent.setup();

    // Into Annemiek's group and choose Aanwezig with the space bar.
    within(group('Annemiek de Vries')).getByRole('radio', { name: 'Aanwezig' }).focus();
    await user.keyboard(' ');
    // Joost's group: arrow keys move the choice within the group.
    within(group('Joost Hendriks')).getByRole('radio', { name: 'Afwezig' }).focus();
    await user.keyboard('{ArrowUp}');

    expect(within(group('Annemiek de Vries')).getByRole('radio', { name: 'Aanwezig' })).toBeChecked();
    expect(within(group('Joost Hendriks')).getByRole('radio', { name: 'Afgemeld' })).toBeChecked();
    expect(screen.getByText('2 wijzigingen zijn nog niet opgeslagen.')).toBeInTheDocument();

    screen.getByRole('button', { name: 'Aanwezigheid opslaan' }).focus();
    await user.keyboard('{Enter}');

    expect(await screen.findByText('De aanwezigheid is opgeslagen.')).toBeInTheDocument();
    const [put] = calls(`PUT ${sheetRoute(heldSessionId)}`);
    // Based on the register as loaded (version 4).
    expect(put!.headers.get('If-Match')).toBe('"4"');
    expect(await sentLines(put)).toEqual([
      { userId: annemiek, status: 'present' },
      { userId: joost, status: 'excused', version: 2 },
    ]);
    expect(group('Joost Hendriks')).toHaveAccessibleDescription(/^Afgemeld, door Ruud Verbeek/);
    // The rates are asked for again, so they show what was just recorded.
    await waitFor(() => expect(calls(`GET /api/v1/cohorts/${cohort2026Id}/attendance`).length).toBeGreaterThan(1));
  });

  it('bases the next save on the register version the last save answered with', async () => {
    let version = 4;
    const { calls } = serve({ [`PUT ${sheetRoute(heldSessionId)}`]: () => json(makeSheet({}, undefined, ++version)) });
    renderApp(page);
    await screen.findByRole('radiogroup', { name: 'Nico Middelbos' });

    for (const status of ['Afwezig', 'Afgemeld']) {
      await userEvent.click(within(group('Nico Middelbos')).getByRole('radio', { name: status }));
      await userEvent.click(screen.getByRole('button', { name: 'Aanwezigheid opslaan' }));
      await waitFor(() => expect(screen.queryByText('Bezig met opslaan…')).not.toBeInTheDocument());
    }

    expect(calls(`PUT ${sheetRoute(heldSessionId)}`).map((put) => put.headers.get('If-Match'))).toEqual(['"4"', '"5"']);
  });

  it('marks everyone present with one button, to correct the few who were not there', async () => {
    const { calls } = serve({ [`PUT ${sheetRoute(heldSessionId)}`]: () => json(makeSheet()) });
    renderApp(page);
    await screen.findByRole('radiogroup', { name: 'Nico Middelbos' });

    await userEvent.click(screen.getByRole('button', { name: 'Iedereen aanwezig' }));
    await userEvent.click(within(group('Nico Middelbos')).getByRole('radio', { name: 'Afgemeld' }));
    await userEvent.click(screen.getByRole('button', { name: 'Aanwezigheid opslaan' }));

    await screen.findByText('De aanwezigheid is opgeslagen.');
    expect(await sentLines(calls(`PUT ${sheetRoute(heldSessionId)}`)[0])).toEqual([
      { userId: annemiek, status: 'present' },
      { userId: joost, status: 'present', version: 2 },
      { userId: nico, status: 'excused' },
    ]);
  });

  it('shows a refused line on the participant, linked to the field, and in a summary that leads there', async () => {
    serve({
      [`PUT ${sheetRoute(heldSessionId)}`]: () =>
        problem(422, {
          title: 'De invoer is niet geldig',
          detail: 'Controleer de gemarkeerde velden.',
          errors: [{ field: 'records[1].userId', code: 'not_enrolled', message: 'Regel 2: deze persoon neemt niet (meer) deel aan deze groep.' }],
        }),
    });
    renderApp(page);
    await screen.findByRole('radiogroup', { name: 'Nico Middelbos' });
    await userEvent.click(within(group('Annemiek de Vries')).getByRole('radio', { name: 'Aanwezig' }));
    await userEvent.click(within(group('Nico Middelbos')).getByRole('radio', { name: 'Aanwezig' }));

    await userEvent.click(screen.getByRole('button', { name: 'Aanwezigheid opslaan' }));

    const alert = await screen.findByRole('alert');
    expect(alert.closest('.utrecht-alert')).toHaveFocus(); // the whole message, so it is read out
    expect(alert).toHaveTextContent('De invoer is niet geldig');
    const nicoGroup = group('Nico Middelbos');
    expect(nicoGroup).toHaveAccessibleDescription(/^Regel 2: deze persoon neemt niet \(meer\) deel aan deze groep\./);
    expect(nicoGroup).toHaveAttribute('aria-invalid', 'true');
    expect(group('Annemiek de Vries')).not.toHaveAttribute('aria-invalid');

    await userEvent.click(within(alert).getByRole('link', { name: /^Nico Middelbos: Regel 2/ }));
    expect(within(nicoGroup).getByRole('radio', { name: 'Aanwezig' })).toHaveFocus();
    // Nothing was lost: the choices are still there to correct.
    expect(screen.getByText('2 wijzigingen zijn nog niet opgeslagen.')).toBeInTheDocument();
  });

  it('explains a conflict, shows the newest data with the choices kept, and saves on the new versions', async () => {
    let sheetAnswer: SessionAttendance = makeSheet();
    const { calls } = serve({
      [`GET ${sheetRoute(heldSessionId)}`]: () => json(sheetAnswer),
      [`PUT ${sheetRoute(heldSessionId)}`]: () => {
        if (calls(`PUT ${sheetRoute(heldSessionId)}`).length === 1) {
          // Meanwhile, another facilitator recorded Joost as excused.
          sheetAnswer = makeSheet(
            {},
            [
              record({ userId: annemiek, name: 'Annemiek de Vries', gemeente: 'Zwolle' }),
              record({ userId: joost, name: 'Joost Hendriks', gemeente: 'Deventer', status: 'excused', version: 3, recordedAt: '2026-11-23T10:00:00Z', recordedByName: 'Lotte Bakker' }),
              record({}),
            ],
            5,
          );
          return problem(412, { title: 'Iemand anders heeft dit intussen gewijzigd', detail: 'Er is niets opgeslagen.' });
        }
        return json(sheetAnswer);
      },
    });
    renderApp(page);
    await screen.findByRole('radiogroup', { name: 'Joost Hendriks' });
    await userEvent.click(within(group('Joost Hendriks')).getByRole('radio', { name: 'Aanwezig' }));

    await userEvent.click(screen.getByRole('button', { name: 'Aanwezigheid opslaan' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Iemand anders heeft de aanwezigheid intussen opgeslagen');
    expect(alert).toHaveTextContent('Bekijk de gemarkeerde deelnemers en sla opnieuw op.');
    expect(within(alert).getByRole('link', { name: 'Joost Hendriks: Aanwezig (intussen vastgelegd door Lotte Bakker: Afgemeld)' })).toBeInTheDocument();
    await waitFor(() =>
      expect(group('Joost Hendriks')).toHaveAccessibleDescription(
        'Intussen vastgelegd door Lotte Bakker: Afgemeld. Uw keuze: Aanwezig, nog niet opgeslagen.',
      ),
    );
    expect(within(group('Joost Hendriks')).getByRole('radio', { name: 'Aanwezig' })).toBeChecked();

    await userEvent.click(screen.getByRole('button', { name: 'Aanwezigheid opslaan' }));

    await screen.findByText('De aanwezigheid is opgeslagen.');
    const puts = calls(`PUT ${sheetRoute(heldSessionId)}`);
    expect(puts.map((put) => put.headers.get('If-Match'))).toEqual(['"4"', '"5"']);
    expect(await sentLines(puts[1])).toEqual([{ userId: joost, status: 'present', version: 3 }]);
  });

  it('says so when someone else saved the register meanwhile, lists the choices kept, and saves them on the newest version', async () => {
    let sheetAnswer: SessionAttendance = makeSheet();
    const { calls } = serve({
      [`GET ${sheetRoute(heldSessionId)}`]: () => json(sheetAnswer),
      [`PUT ${sheetRoute(heldSessionId)}`]: (request) => {
        if (request.headers.get('If-Match') !== `"${sheetAnswer.version}"`) {
          return problem(412, { title: 'Iemand anders heeft dit intussen gewijzigd', detail: 'Er is niets opgeslagen.' });
        }
        return json(makeSheet({}, undefined, sheetAnswer.version + 1));
      },
    });
    renderApp(page);
    await screen.findByRole('radiogroup', { name: 'Nico Middelbos' });
    await userEvent.click(within(group('Nico Middelbos')).getByRole('radio', { name: 'Afgemeld' }));
    await userEvent.click(within(group('Annemiek de Vries')).getByRole('radio', { name: 'Aanwezig' }));
    // Meanwhile, another facilitator saved the register: Joost's line only, none of the lines chosen here.
    sheetAnswer = makeSheet(
      {},
      [
        record({ userId: annemiek, name: 'Annemiek de Vries', gemeente: 'Zwolle' }),
        record({ userId: joost, name: 'Joost Hendriks', gemeente: 'Deventer', status: 'present', version: 3, recordedAt: '2026-11-23T10:00:00Z', recordedByName: 'Lotte Bakker' }),
        record({}),
      ],
      7,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Aanwezigheid opslaan' }));

    const alert = await screen.findByRole('alert');
    expect(alert.closest('.utrecht-alert')).toHaveFocus();
    expect(alert).toHaveTextContent('Iemand anders heeft de aanwezigheid intussen opgeslagen');
    expect(alert).toHaveTextContent('De lijst toont nu de nieuwste gegevens, met uw keuzes er nog in. Sla opnieuw op.');
    expect(alert).toHaveTextContent('Uw keuzes die nog niet zijn opgeslagen:');
    const kept = within(alert).getAllByRole('link').map((link) => link.textContent);
    expect(kept).toEqual(['Annemiek de Vries: Aanwezig', 'Nico Middelbos: Afgemeld']);
    // The newest data is shown, with the choices on top of it, still unsaved.
    await waitFor(() => expect(group('Joost Hendriks')).toHaveAccessibleDescription(/^Aanwezig, door Lotte Bakker/));
    expect(within(group('Nico Middelbos')).getByRole('radio', { name: 'Afgemeld' })).toBeChecked();
    expect(screen.getByText('2 wijzigingen zijn nog niet opgeslagen.')).toBeInTheDocument();
    await userEvent.click(within(alert).getByRole('link', { name: 'Nico Middelbos: Afgemeld' }));
    expect(within(group('Nico Middelbos')).getByRole('radio', { name: 'Afgemeld' })).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Aanwezigheid opslaan' }));

    await screen.findByText('De aanwezigheid is opgeslagen.');
    const puts = calls(`PUT ${sheetRoute(heldSessionId)}`);
    expect(puts.map((put) => put.headers.get('If-Match'))).toEqual(['"4"', '"7"']);
    expect(await sentLines(puts[1])).toEqual([
      { userId: annemiek, status: 'present' },
      { userId: nico, status: 'excused' },
    ]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('allows only an excuse before a session has started, and offers no "everyone present"', async () => {
    serve({ [`GET ${sheetRoute(futureSessionId)}`]: () => json(makeSheet({ id: futureSessionId, started: false })) });
    renderApp(`${page}?bijeenkomst=${futureSessionId}`);

    const nicoGroup = await screen.findByRole('radiogroup', { name: 'Nico Middelbos' });
    expect(within(nicoGroup).getByRole('radio', { name: 'Aanwezig' })).toBeDisabled();
    expect(within(nicoGroup).getByRole('radio', { name: 'Afwezig' })).toBeDisabled();
    expect(within(nicoGroup).getByRole('radio', { name: 'Afgemeld' })).toBeEnabled();
    expect(screen.getByText(/alleen afmeldingen vastleggen/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Iedereen aanwezig' })).not.toBeInTheDocument();
  });

  it('switches sessions with the picker and keeps unsaved choices per session', async () => {
    serve({ [`GET ${sheetRoute(futureSessionId)}`]: () => json(makeSheet({ id: futureSessionId, started: false })) });
    renderApp(page);
    await screen.findByRole('radiogroup', { name: 'Nico Middelbos' });
    await userEvent.click(within(group('Nico Middelbos')).getByRole('radio', { name: 'Aanwezig' }));

    await userEvent.selectOptions(screen.getByLabelText('Bijeenkomst'), futureSessionId);
    await waitFor(() => expect(within(group('Nico Middelbos')).getByRole('radio', { name: 'Aanwezig' })).toBeDisabled());
    await userEvent.selectOptions(screen.getByLabelText('Bijeenkomst'), heldSessionId);

    await waitFor(() => expect(within(group('Nico Middelbos')).getByRole('radio', { name: 'Aanwezig' })).toBeChecked());
    expect(screen.getByText('1 wijziging is nog niet opgeslagen.')).toBeInTheDocument();
  });

  it('shows the no-access page to someone who may not take attendance', async () => {
    serve({ [`GET /api/v1/cohorts/${cohort2026Id}/attendance`]: () => problem(403, { title: 'Geen toegang' }) });
    renderApp(page);

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
  });
});
