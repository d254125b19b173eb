import { render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CoverageChart from './CoverageChart';
import { makeCoverage } from './testData';

// jsdom lays nothing out: give the chart's container a size, as a browser would, so it draws.
class FixedResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target, contentRect: { width: 800, height: 200 } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

describe('the aspect coverage chart', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FixedResizeObserver);
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({
      width: 800,
      height: 200,
      top: 0,
      left: 0,
      right: 800,
      bottom: 200,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('draws a bar per aspect with its count out of the group, one chart per part, hidden from assistive technology', async () => {
    const { container } = render(<CoverageChart coverage={makeCoverage()} />);

    const chart = container.querySelector('.lg-coaching-chart')!;
    expect(chart).toHaveAttribute('aria-hidden', 'true');
    expect([...chart.querySelectorAll('.lg-coaching-chart__title')].map((title) => title.textContent)).toEqual([
      'Waardegedreven strategie (willen)',
      'Legitimiteit (mogen)',
    ]);
    await waitFor(() => expect(chart.querySelectorAll('svg.recharts-surface')).toHaveLength(2));
    const labels = [...chart.querySelectorAll('.lg-coaching-chart__value')].map((label) => label.textContent);
    expect(labels).toEqual(['2 van 8', '0 van 8', '2 van 8']);
    // Long names wrap onto lines (tspans) beside their bar.
    const ticks = [...chart.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((tick) =>
      [...tick.querySelectorAll('tspan')].map((line) => line.textContent).join(' '),
    );
    expect(ticks).toEqual(['Opgaven en technologie verbinden', 'Gezamenlijke strategie', 'Privacy en veiligheid']);
    // Nothing in the chart takes keyboard focus: the table beside it is the way in.
    expect(chart.querySelectorAll('[tabindex]:not([tabindex="-1"])')).toHaveLength(0);
  });
});
