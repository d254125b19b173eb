import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { resetSession } from '../../auth/session';
import { cohort2026Id } from '../../test/cohorts';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { SessionForm } from './SessionForm';
import { makePlannedSession, modules2026, ruudId } from './testData';
import type { Session } from './types';

const createRoute = `POST /api/v1/cohorts/${cohort2026Id}/sessions`;

function renderForm(props: { session?: Session; onSaved?: (s: Session) => void } = {}) {
  const onSaved = props.onSaved ?? vi.fn();
  render(
    <QueryClientProvider client={createQueryClient()}>
      <SessionForm
        cohortId={cohort2026Id}
        modules={modules2026}
        facilitators={[{ id: ruudId, name: 'Ruud Verbeek' }]}
        defaultFacilitatorIds={[ruudId]}
        onSaved={onSaved}
        onCancel={vi.fn()}
        {...(props.session ? { session: props.session } : {})}
      />
    </QueryClientProvider>,
  );
  return { onSaved };
}

async function fillValidSession() {
  await userEvent.selectOptions(screen.getByLabelText('Module'), '3. Leiderschap aan de organisatie');
  await userEvent.type(screen.getByLabelText('Titel'), 'Sturen op digitalisering');
  await userEvent.type(screen.getByLabelText('Datum'), '2027-03-28');
  await userEvent.type(screen.getByLabelText('Locatie'), 'VNG, Nassaulaan 12, Den Haag');
}

describe('session form', () => {
  beforeEach(() => {
    resetSession();
  });

  it('lists what is missing in a focused summary and at each field, in Dutch, without sending anything', async () => {
    const { calls } = fakeApi({});
    renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Bijeenkomst opslaan' }));

    const summary = screen.getByRole('alert');
    expect(summary.closest('.utrecht-alert')).toHaveFocus(); // the role sits on Utrecht's inner message
    expect(summary).toHaveTextContent('Controleer de gemarkeerde velden');
    const links = within(summary).getAllByRole('link').map((link) => link.textContent);
    expect(links).toEqual(['Kies een module.', 'Vul een titel in.', 'Vul een datum in.', 'Vul een locatie of een onlinelink in.']);
    expect(screen.getByLabelText('Titel')).toHaveAccessibleDescription('Vul een titel in.');
    expect(screen.getByLabelText('Titel')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Locatie')).toHaveAccessibleDescription(
      'Vul een locatie, een onlinelink of allebei in. Vul een locatie of een onlinelink in.',
    );
    expect(calls(createRoute)).toHaveLength(0);

    // A summary link takes the keyboard to its field.
    await userEvent.click(within(summary).getByRole('link', { name: 'Vul een titel in.' }));
    expect(screen.getByLabelText('Titel')).toHaveFocus();
  });

  it('says an end time before the start time is wrong', async () => {
    fakeApi({});
    renderForm();
    await fillValidSession();
    await userEvent.clear(screen.getByLabelText('Eindtijd'));
    await userEvent.type(screen.getByLabelText('Eindtijd'), '12:00');

    await userEvent.click(screen.getByRole('button', { name: 'Bijeenkomst opslaan' }));

    expect(screen.getByLabelText('Eindtijd')).toHaveAccessibleDescription('De eindtijd moet na de begintijd liggen.');
  });

  it('sends the Amsterdam date and times as typed, with the facilitator ticked, and hands back the saved session', async () => {
    const saved = makePlannedSession({ warnings: [{ kind: 'cohort_overlap', message: 'Overlapt met „Intervisie”.' }] });
    const { calls } = fakeApi({ [createRoute]: () => json(saved, 201) });
    const { onSaved } = renderForm();
    await fillValidSession();
    await userEvent.type(screen.getByLabelText('Onderwerpen'), 'Data{enter}Sturing');

    await userEvent.click(screen.getByRole('button', { name: 'Bijeenkomst opslaan' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    const body = await calls(createRoute)[0]!.json();
    expect(body).toMatchObject({
      moduleId: modules2026[2]!.id,
      title: 'Sturen op digitalisering',
      date: '2027-03-28',
      startTime: '13:30',
      endTime: '17:00',
      endDate: null,
      topics: ['Data', 'Sturing'],
      facilitatorIds: [ruudId],
    });
  });

  it('shows the server’s message at the field it is about, such as a time the clocks skip', async () => {
    fakeApi({
      [createRoute]: () =>
        problem(422, {
          title: 'De invoer is niet geldig',
          detail: 'Controleer de gemarkeerde velden.',
          errors: [
            {
              field: 'startTime',
              code: 'nonexistent_time',
              message: '02:30 bestaat niet op 28 maart 2027: die nacht gaat de klok van 02:00 naar 03:00 (zomertijd). Kies een andere tijd.',
            },
          ],
        }),
    });
    renderForm();
    await fillValidSession();
    await userEvent.clear(screen.getByLabelText('Begintijd'));
    await userEvent.type(screen.getByLabelText('Begintijd'), '02:30');

    await userEvent.click(screen.getByRole('button', { name: 'Bijeenkomst opslaan' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('De invoer is niet geldig');
    expect(screen.getByLabelText('Begintijd')).toHaveAccessibleDescription(/zomertijd/);
  });

  it('sends a change with the version it is based on, and offers the latest when someone else was first', async () => {
    const session = makePlannedSession({ version: 4 });
    const route = `PATCH /api/v1/sessions/${session.id}`;
    const { calls } = fakeApi({
      [route]: () => problem(412, { title: 'Iemand anders heeft dit intussen gewijzigd' }),
      [`GET /api/v1/cohorts/${cohort2026Id}/sessions`]: () => json({ sessions: [session], cohortFacilitators: [] }),
    });
    renderForm({ session });
    await userEvent.clear(screen.getByLabelText('Titel'));
    await userEvent.type(screen.getByLabelText('Titel'), 'Nieuwe titel');

    await userEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Iemand anders heeft deze bijeenkomst intussen gewijzigd');
    expect(calls(route)[0]!.headers.get('If-Match')).toBe('"4"');
    expect(screen.getByRole('button', { name: 'Nieuwste versie tonen' })).toBeInTheDocument();
  });
});
