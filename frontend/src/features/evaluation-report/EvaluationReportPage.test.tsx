import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { Me } from '../../api/types';
import {
  cohort2021Id,
  cohort2023Id,
  cohort2026Id,
  makeCohortList,
  makeReport,
  programmeId,
  programmeName,
  scaleQuestion,
  withheld,
} from './testData';

const reviewer = makeUser({
  id: '00000000-0000-4000-8000-00000000fd01',
  name: 'Fatima El Amrani',
  email: 'fonds@aeno.example',
  grants: [{ role: 'reviewer', programmeId, programmeName, cohortId: null, cohortName: null }],
});
const facilitator = makeUser({
  id: '00000000-0000-4000-8000-00000000f001',
  name: 'Ruud Begeleider',
  grants: [{ role: 'facilitator', programmeId, programmeName, cohortId: cohort2023Id, cohortName: '2023–2024' }],
});

const reportUrl = `GET /api/v1/programmes/${programmeId}/evaluation-report`;
const page = `/leergangen/${programmeId}/evaluatierapport`;

function serve(report: (request: Request) => Response, user: Me = reviewer, routes: Record<string, (request: Request) => Response> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(user)),
    [`GET /api/v1/programmes/${programmeId}/cohorts`]: () => json(makeCohortList()),
    [reportUrl]: report,
    ...routes,
  });
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);
const figure = (container: HTMLElement, term: string) =>
  within(container).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;

async function openReport(path = page) {
  renderApp(path);
  return screen.findByRole('heading', { level: 2, name: 'Eindevaluatie' }, { timeout: 10_000 });
}

// Whole pages, lazily loaded: generous time on a busy machine.
describe('the evaluation report', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows the programme, the threshold, the figures and the forms of a lineage with their response', async () => {
    serve(() => json(makeReport()));
    await openReport();

    expect(screen.getByRole('heading', { level: 1, name: 'Evaluatierapport' })).toBeInTheDocument();
    expect(screen.getByText('Leergang Digitaal Leiderschap — alle groepen')).toBeInTheDocument();
    expect(
      screen.getByText('Anonimiteitsdrempel: k = 5 — resultaten van minder dan 5 antwoorden worden niet getoond'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Waar ‘te weinig antwoorden’ staat, steunt het cijfer op minder dan 5 antwoorden/)).toBeInTheDocument();
    expect(screen.getByText('Samengesteld op 23 nov 2026, 14:05')).toBeInTheDocument();
    expect(document.title).toBe('Evaluatierapport Leergang Digitaal Leiderschap | Leergang');

    const figures = screen.getByRole('region', { name: 'Deelname en aanwezigheid' });
    expect(figure(figures, 'Groepen')).toBe('3');
    expect(figure(figures, 'Inschrijvingen')).toBe('38');
    expect(figure(figures, 'Afronding')).toBe('91,3%');
    expect(figure(figures, 'Aanwezigheid')).toBe('87,4%');
    const byCohort = within(figures).getByRole('table', { name: 'Cijfers per groep' });
    expect(within(byCohort).getAllByRole('row').map(cells)).toEqual([
      ['Groep', 'Startjaar', 'Status', 'Inschrijvingen', 'Afgerond', 'Gestopt', 'Afronding', 'Aanwezigheid'],
      ['2021–2022', '2021', 'Gearchiveerd', '12', '11', '1', '91,7%', '90%'],
      ['2023–2024', '2023', 'Afgerond', '11', '10', '1', '90,9%', '85%'],
      ['2026–2027', '2026', 'Lopend', '15', '0', '0', 'nog niet', 'geen cijfer'],
    ]);

    const lineage = screen.getByRole('region', { name: 'Eindevaluatie' });
    expect(within(lineage).getByText('18 ingevulde vragenlijsten')).toBeInTheDocument();
    const forms = within(lineage).getByRole('table', { name: 'Uitgezette vragenlijsten' });
    expect(within(forms).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['2021–2022', 'Eindevaluatie2021–2022', '1 mrt 2022 t/m 31 mrt 2022', '12', '75%'],
      ['2023–2024', 'Eindevaluatie2023–2024', '1 mrt 2024 t/m 31 mrt 2024', '11', '81,8%'],
    ]);
    // A table of contents for a long page.
    const toc = screen.getByRole('navigation', { name: 'Op deze pagina' });
    expect(within(toc).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Downloaden',
      'Deelname en aanwezigheid',
      'Eindevaluatie',
    ]);
  });

  it('summarises every kind of question: mean with a comma, median, spread, NPS, choices and shared answers', async () => {
    serve(() => json(makeReport()));
    await openReport();

    const scale = screen.getByRole('region', { name: 'Vraag 1. Hoe tevreden bent u over de leergang als geheel?' });
    expect(within(scale).getByText('Schaalvraag, 1 tot en met 5')).toBeInTheDocument();
    expect(figure(scale, 'Antwoorden')).toBe('18');
    expect(figure(scale, 'Gemiddelde')).toBe('4,2 van 5');
    expect(figure(scale, 'Mediaan')).toBe('4');
    const spread = within(scale).getByRole('table', { name: 'Verdeling van de antwoorden' });
    expect(within(spread).getAllByRole('row').map(cells)).toEqual([
      ['Antwoord', 'Aantal', 'Aandeel'],
      ['1 — slecht', '0', '0%'],
      ['2', '1', '5,6%'],
      ['3', '2', '11,1%'],
      ['4', '7', '38,9%'],
      ['5 — uitstekend', '8', '44,4%'],
    ]);
    // The table sits under "Tabel bij deze grafiek", a disclosure the keyboard opens.
    expect(spread.closest('details')?.querySelector('summary')).toHaveTextContent('Tabel bij deze grafiek');

    // Per cohort and per year, with the withheld cohort in words and not as a number.
    const perCohort = within(scale).getByRole('table', { name: 'Gemiddelde per groep' });
    expect(within(perCohort).getAllByRole('row').map(cells)).toEqual([
      ['Groep', 'Antwoorden', 'Gemiddelde', 'Mediaan'],
      ['2021–2022', '9', '4,1', '4'],
      ['2023–2024', '9', '4,3', '4'],
      ['2026–2027', 'te weinig antwoorden'],
    ]);
    expect(within(scale).getByRole('table', { name: 'Gemiddelde per jaar' })).toBeInTheDocument();

    const recommendation = screen.getByRole('region', { name: /Vraag 2\. Hoe waarschijnlijk/ });
    expect(figure(recommendation, 'Gemiddelde')).toBe('8,2 van 10');
    expect(figure(recommendation, 'Net Promoter Score')).toBe('+44');
    expect(figure(recommendation, 'Promotors (9–10)')).toBe('10 (55,6%)');
    expect(figure(recommendation, 'Passief (7–8)')).toBe('6 (33,3%)');
    expect(figure(recommendation, 'Criticasters (0–6)')).toBe('2 (11,1%)');

    const choice = screen.getByRole('region', { name: /Vraag 3\. Welke werkvorm/ });
    expect(within(choice).queryByText('Gemiddelde')).not.toBeInTheDocument();
    expect(within(within(choice).getByRole('table')).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Intervisie', '9', '50%'],
      ['Lezingen van sprekers', '6', '33,3%'],
      ['Werkbezoeken', '3', '16,7%'],
    ]);

    const text = screen.getByRole('region', { name: /Vraag 4\. Wat zou u de volgende groep/ });
    expect(figure(text, 'Antwoorden')).toBe('11');
    expect(within(text).getByRole('heading', { level: 4, name: 'Gedeelde antwoorden (2)' })).toBeInTheDocument();
    expect(within(text).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Neem de tijd voor intervisie.',
      'Zoek elkaar ook tussen de modules op.',
    ]);
  });

  it('shows a withheld question as “te weinig antwoorden” without any number', async () => {
    serve(() => json(makeReport()));
    await openReport();

    const catering = screen.getByRole('region', { name: 'Vraag 5. Hoe beoordeelt u de catering?' });
    expect(figure(catering, 'Antwoorden')).toBe('te weinig antwoorden');
    expect(catering.textContent?.replace('Vraag 5.', '').replace('1 tot en met 5', '')).not.toMatch(/\d/);
    expect(within(catering).queryByRole('table')).not.toBeInTheDocument();
    expect(within(catering).queryByRole('img')).not.toBeInTheDocument();
  });

  it('says when an open question’s answers were not shared', async () => {
    const report = makeReport();
    report.forms[0]!.questions = [
      { ...report.forms[0]!.questions[3]!, sharedAnswers: [] },
    ];
    serve(() => json(report));
    await openReport();

    expect(screen.getByText('Geen van de invullers heeft zijn of haar antwoord op deze vraag gedeeld.')).toBeInTheDocument();
  });

  it('tells when nothing can be shown yet: everything withheld, and no forms at all', async () => {
    const allWithheld = makeReport();
    allWithheld.forms[0] = {
      ...allWithheld.forms[0]!,
      responses: 0,
      withheld: true,
      questions: allWithheld.forms[0]!.questions.map((question) => ({
        ...question,
        overall: withheld(),
        byYear: [],
        byCohort: [],
        byForm: [],
        sharedAnswers: [],
      })),
    };
    serve(() => json(allWithheld));
    await openReport();

    expect(screen.getByText(/Bij geen enkele evaluatie zijn er al 5 of meer antwoorden/)).toBeInTheDocument();
    const lineage = screen.getByRole('region', { name: 'Eindevaluatie' });
    expect(within(lineage).getByText('Ingevulde vragenlijsten:')).toHaveTextContent('Ingevulde vragenlijsten: te weinig antwoorden');
    expect(within(lineage).getByText('Hoe tevreden bent u over de leergang als geheel?').tagName).toBe('LI');
    expect(within(lineage).queryByText(/Gemiddelde/)).not.toBeInTheDocument();
  });

  it('says that no evaluations were sent out yet', async () => {
    serve(() => json(makeReport({ forms: [] })));
    renderApp(page);

    expect(
      await screen.findByText('Er zijn voor deze leergang nog geen evaluaties uitgezet.', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });

  it('switches to one cohort with the filter, fetching that cohort’s report, and says so', async () => {
    const { calls } = serve((request) => {
      const cohortId = new URL(request.url).searchParams.get('cohortId');
      if (!cohortId) return json(makeReport());
      const one = makeReport({ cohortId });
      one.figures = { ...one.figures, cohorts: 1, byCohort: one.figures.byCohort.filter((c) => c.cohortId === cohortId) };
      return json(one);
    });
    await openReport();

    const select = screen.getByRole('combobox', { name: 'Groep' });
    expect([...select.querySelectorAll('option')].map((option) => option.textContent)).toEqual([
      'Alle groepen',
      '2026–2027',
      '2023–2024',
      '2021–2022',
    ]);
    await userEvent.selectOptions(select, '2021–2022');
    // Choosing alone does not change the page (WCAG 3.2.2); the button does.
    expect(calls(reportUrl)).toHaveLength(1);
    const show = screen.getByRole('button', { name: 'Tonen' });
    await userEvent.click(show);

    expect(await screen.findByText('Leergang Digitaal Leiderschap — groep 2021–2022')).toBeInTheDocument();
    expect(await screen.findByText('Het rapport voor groep 2021–2022 staat hieronder.')).toHaveAttribute('role', 'status');
    expect(calls(reportUrl).map((request) => new URL(request.url).search)).toEqual(['', `?cohortId=${cohort2021Id}`]);
    expect(screen.getByRole('combobox', { name: 'Groep' })).toHaveValue(cohort2021Id);
    // The old report stayed while the new one loaded: the button pressed still has focus.
    expect(show).toHaveFocus();
    expect(document.title).toBe('Evaluatierapport Leergang Digitaal Leiderschap — 2021–2022 | Leergang');
  });

  it('opens with ?groep= on that cohort', async () => {
    const { calls } = serve(() => json(makeReport({ cohortId: cohort2026Id })));
    await openReport(`${page}?groep=${cohort2026Id}`);

    expect(calls(reportUrl).map((request) => new URL(request.url).search)).toEqual([`?cohortId=${cohort2026Id}`]);
    expect(screen.getByRole('combobox', { name: 'Groep' })).toHaveValue(cohort2026Id);
  });

  it('opens a facilitator’s report on their cohort, without “Alle groepen”', async () => {
    const { calls } = serve((request) => json(makeReport({ cohortId: new URL(request.url).searchParams.get('cohortId') })), facilitator, {
      [`GET /api/v1/programmes/${programmeId}/cohorts`]: () =>
        json({ cohorts: makeCohortList().cohorts.filter((cohort) => cohort.id === cohort2023Id) }),
    });
    await openReport();

    expect(calls(reportUrl).map((request) => new URL(request.url).search)).toEqual([`?cohortId=${cohort2023Id}`]);
    expect(screen.getByText('Leergang Digitaal Leiderschap — groep 2023–2024')).toBeInTheDocument();
    // One cohort and no whole-programme view: nothing to choose.
    expect(screen.queryByRole('combobox', { name: 'Groep' })).not.toBeInTheDocument();
  });

  it('is the no-access page when the API refuses, and shows the server’s problem for a bad filter', async () => {
    serve(() => problem(403, { title: 'Geen toegang' }));
    const { unmount } = renderApp(page);
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' }, { timeout: 10_000 })).toBeInTheDocument();
    unmount();

    resetSession();
    serve(() => problem(400, { title: 'Ongeldige groep', detail: 'cohortId moet de id van een groep zijn.' }));
    renderApp(`${page}?groep=x`);
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent('Ongeldige groep');
    expect(alert).toHaveTextContent('cohortId moet de id van een groep zijn.');
  });

  it('downloads an export with the bearer token, the filter, and the server’s file name', async () => {
    const createObjectURL = vi.fn(() => 'blob:report-1');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    const exportUrl = (format: string) => `GET /api/v1/programmes/${programmeId}/evaluation-report/export/${format}`;
    const { calls } = serve(() => json(makeReport({ cohortId: cohort2023Id })), reviewer, {
      [exportUrl('xlsx')]: () =>
        new Response('PK-xlsx', {
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': 'attachment; filename=evaluatierapport-digitaal-leiderschap-2026-11-23.xlsx',
          },
        }),
      [exportUrl('pdf')]: () => problem(500, { title: 'Er ging iets mis', detail: 'Probeer het later opnieuw.' }),
    });
    await openReport(`${page}?groep=${cohort2023Id}`);

    await userEvent.click(screen.getByRole('button', { name: 'Download Excel (XLSX)' }));

    expect(await screen.findByText('evaluatierapport-digitaal-leiderschap-2026-11-23.xlsx is gedownload.')).toHaveAttribute(
      'role',
      'status',
    );
    const [request] = calls(exportUrl('xlsx'));
    expect(request!.headers.get('Authorization')).toBe('Bearer access-1');
    expect(new URL(request!.url).search).toBe(`?cohortId=${cohort2023Id}`);
    expect(clicked).toEqual([{ href: 'blob:report-1', download: 'evaluatierapport-digitaal-leiderschap-2026-11-23.xlsx' }]);
    expect(await (createObjectURL.mock.calls[0] as unknown as [Blob])[0].text()).toBe('PK-xlsx');

    await userEvent.click(screen.getByRole('button', { name: 'Download PDF-rapport' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Downloaden is niet gelukt. Er ging iets misProbeer het later opnieuw.');
    await waitFor(() => expect(alert.closest('.utrecht-alert')).toHaveFocus());
    expect(clicked).toHaveLength(1);
  });
});

describe('the links to the report', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('are on the reviewer’s home, one per programme', async () => {
    serve(() => json(makeReport()));
    renderApp('/fonds');

    const link = await screen.findByRole('link', { name: 'Evaluatierapport Leergang Digitaal Leiderschap' }, { timeout: 10_000 });
    expect(link).toHaveAttribute('href', page);
    await userEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Evaluatierapport' })).toBeInTheDocument();
  });

  it('is on the admin’s programme page', async () => {
    const admin = makeUser({ name: 'Marieke Jansen', isAdmin: true, grants: [] });
    fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(admin)),
      [`GET /api/v1/programmes/${programmeId}`]: () =>
        json({
          id: programmeId,
          slug: 'digitaal-leiderschap',
          name: programmeName,
          description: '',
          owner: 'Vereniging van Gemeentesecretarissen',
          funder: 'A&O-fonds Gemeenten',
          kAnonymity: 5,
          cohortCount: 3,
          version: 4,
          modules: [],
        }),
      [`GET /api/v1/programmes/${programmeId}/cohorts`]: () => json(makeCohortList()),
    });
    renderApp(`/beheer/leergangen/${programmeId}`);

    expect(await screen.findByRole('link', { name: 'Evaluatierapport' }, { timeout: 10_000 })).toHaveAttribute('href', page);
  });
});

// Keeps the fixture honest: the scale question's cohorts add up to the overall answers.
describe('the fixture', () => {
  it('has cohorts that add up', () => {
    const question = scaleQuestion();
    const shown = question.byCohort.filter((group) => !group.stat.withheld);
    expect(shown.reduce((sum, group) => sum + group.stat.n, 0)).toBe(question.overall.n);
    expect(makeReport().figures.byCohort.map((c) => c.cohortId)).toEqual([cohort2021Id, cohort2023Id, cohort2026Id]);
  });
});

describe('the report’s accessibility', { timeout: 60_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('has no WCAG 2.1 A or AA violations that axe can find without a layout engine', async () => {
    const axe = (await import('axe-core')).default;
    serve(() => json(makeReport()));
    await openReport();
    await waitFor(() => expect(document.querySelectorAll('.lg-report-chart').length).toBeGreaterThan(0), { timeout: 10_000 });

    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // jsdom computes no colours or layout: contrast is checked in the browser tests.
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
