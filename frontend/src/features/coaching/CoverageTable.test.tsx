import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { CoverageTable } from './CoverageTable';
import { makeCoverage } from './testData';

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

describe('the aspect coverage table, the text alternative of the chart', () => {
  afterEach(async () => {
    await setLanguage('nl');
  });

  it('lists every aspect under its part of the framework, with goals and participants out of the group', () => {
    render(<CoverageTable coverage={makeCoverage()} />);

    const table = screen.getByRole('table', { name: 'Leerdoelen en deelnemers per aspect' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map(cells)).toEqual([
      ['Aspect', 'Leerdoelen', "Deelnemers met zo'n leerdoel"],
      ['Waardegedreven strategie (willen)'],
      ['Opgaven en technologie verbinden', '3', '2 van 8'],
      ['Gezamenlijke strategie', '0', '0 van 8'],
      ['Legitimiteit (mogen)'],
      ['Privacy en veiligheid', '2', '2 van 8'],
    ]);
    // Each part heads its own row group, and each aspect is the header of its row.
    expect(within(rows[1]!).getByRole('rowheader')).toHaveAttribute('scope', 'rowgroup');
    expect(within(rows[2]!).getByRole('rowheader')).toHaveTextContent('Opgaven en technologie verbinden');
    expect(table.querySelectorAll('tbody')).toHaveLength(2);
    expect(screen.getByText(/In totaal tellen 6 leerdoelen mee, van 8 deelnemers\. 1 leerdoel heeft geen aspect\./)).toBeInTheDocument();
  });

  it('speaks the reader’s language', async () => {
    await setLanguage('en');
    render(<CoverageTable coverage={{ ...makeCoverage(), goals: 1, untaggedGoals: 0 }} />);

    const table = screen.getByRole('table', { name: 'Learning goals and participants per aspect' });
    expect(cells(within(table).getAllByRole('row')[2]!)).toEqual(['Opgaven en technologie verbinden', '3', '2 of 8']);
    expect(screen.getByText('In all, 1 learning goal counts, of 8 participants. 0 learning goals have no aspect.')).toBeInTheDocument();
  });
});
