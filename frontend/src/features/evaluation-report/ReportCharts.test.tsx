import { render, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { distributionRows, distributionSummary, trendRows, trendSummary } from './chartData';
import { DistributionChart, TrendChart } from './ReportCharts';
import { DistributionTable, TrendTable } from './StatTables';
import { scaleQuestion } from './testData';

// jsdom lays nothing out: give the chart's container a size, as a browser would, so it draws.
class FixedResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target, contentRect: { width: 800, height: 300 } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

const t = i18n.t.bind(i18n);
const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);
const values = (chart: Element) => [...chart.querySelectorAll('.lg-report-chart__value')].map((label) => label.textContent);
const ticks = (chart: Element) =>
  [...chart.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((tick) =>
    [...tick.querySelectorAll('tspan')].map((line) => line.textContent).join(' '),
  );

describe('the report’s charts', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FixedResizeObserver);
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({
      width: 800,
      height: 300,
      top: 0,
      left: 0,
      right: 800,
      bottom: 300,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('draws the spread as an image named with every number, which the table beside it holds too', async () => {
    const question = scaleQuestion();
    const rows = distributionRows(question.kind, question.overall);
    const summary = distributionSummary(rows, question.overall.n, t);
    const { container } = render(
      <>
        <DistributionChart rows={rows} summary={summary} />
        <DistributionTable caption="Verdeling van de antwoorden" rows={rows} />
      </>,
    );

    const chart = within(container).getByRole('img');
    expect(chart).toHaveAccessibleName(
      'Staafdiagram van de verdeling van 18 antwoorden. 1 — slecht: 0 (0%); 2: 1 (5,6%); 3: 2 (11,1%); 4: 7 (38,9%); 5 — uitstekend: 8 (44,4%).',
    );
    await waitFor(() => expect(chart.querySelectorAll('svg.recharts-surface')).toHaveLength(1));
    expect(chart.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(5);

    // The same labels and numbers in the chart and in its table, in the same order.
    const table = within(container).getByRole('table');
    const tableRows = within(table).getAllByRole('row').slice(1).map(cells);
    expect(ticks(chart)).toEqual(tableRows.map(([label]) => label));
    expect(values(chart)).toEqual(tableRows.map(([, count, share]) => `${count} (${share})`));
    expect(values(chart)).toEqual(['0 (0%)', '1 (5,6%)', '2 (11,1%)', '7 (38,9%)', '8 (44,4%)']);
    // Nothing in the chart takes keyboard focus.
    expect(chart.querySelectorAll('[tabindex]:not([tabindex="-1"])')).toHaveLength(0);
  });

  it('draws the mean per cohort without a bar for a withheld cohort, saying so in the chart and the table', async () => {
    const question = scaleQuestion();
    const rows = trendRows(question.byCohort);
    const summary = trendSummary(rows, 'cohort', t);
    const { container } = render(
      <>
        <TrendChart rows={rows} max={5} summary={summary} />
        <TrendTable caption="Gemiddelde per groep" groupHeading="Groep" rows={rows} kind="scale" />
      </>,
    );

    const chart = within(container).getByRole('img');
    expect(chart).toHaveAccessibleName(
      'Staafdiagram van het gemiddelde per groep. 2021–2022: 4,1 uit 9 antwoorden; 2023–2024: 4,3 uit 9 antwoorden; 2026–2027: te weinig antwoorden.',
    );
    await waitFor(() => expect(chart.querySelectorAll('svg.recharts-surface')).toHaveLength(1));
    // Two cohorts drawn; the withheld one is not.
    expect(chart.querySelectorAll('.recharts-bar-rectangle path')).toHaveLength(2);
    expect(ticks(chart)).toEqual(['2021–2022', '2023–2024', '2026–2027']);
    expect(values(chart)).toEqual(['4,1 (n = 9)', '4,3 (n = 9)', 'te weinig antwoorden']);

    const table = within(container).getByRole('table');
    expect(within(table).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['2021–2022', '9', '4,1', '4'],
      ['2023–2024', '9', '4,3', '4'],
      ['2026–2027', 'te weinig antwoorden'],
    ]);
  });
});
