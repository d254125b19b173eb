import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { ModuleRatesTable, ParticipantRatesTable } from './RatesTables';
import { makeRates, tally } from './testData';

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

describe('attendance rates tables', () => {
  afterEach(async () => {
    await setLanguage('nl');
  });

  it('shows each module and the whole group with counts behind every percentage', () => {
    render(<ModuleRatesTable rates={makeRates()} />);

    const table = screen.getByRole('table', { name: 'Aanwezigheid per module' });
    const [header, first, second, total] = within(table).getAllByRole('row');
    expect(within(header!).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
      'Module',
      'Bijeenkomsten geweest',
      'Aanwezig',
      'Afgemeld',
      'Afwezig',
      'Niet vastgelegd',
      'Percentage aanwezig',
      'Zonder afmeldingen',
    ]);
    // 4 present of 6: 67%; without the 1 excused, 4 of 5: 80%.
    expect(cells(first!)).toEqual(['De gemeentesecretaris in zijn/haar context', '2', '4', '1', '1', '0', '67% (4 van 6)', '80% (4 van 5)']);
    // Nothing held yet: no percentage, rather than a misleading 0%.
    expect(cells(second!)).toEqual(['Samenwerking en netwerken', '0', '0', '0', '0', '0', 'geen gegevens', 'geen gegevens']);
    expect(cells(total!)).toEqual(['Hele groep', '2', '4', '1', '1', '0', '67% (4 van 6)', '80% (4 van 5)']);
    expect(total!.closest('tfoot')).not.toBeNull();
  });

  it('says so where figures are withheld because too few participants stand behind them', () => {
    const rates = makeRates({ participants: null, sessions: null, minimumGroupSize: 5, cohort: null });
    rates.modules[0]!.tally = null;
    render(<ModuleRatesTable rates={rates} />);

    const [, first, , total] = within(screen.getByRole('table')).getAllByRole('row');
    expect(cells(first!)).toEqual([
      'De gemeentesecretaris in zijn/haar context',
      '2',
      'Niet getoond: te weinig deelnemers om niemand herkenbaar te maken.',
    ]);
    expect(cells(total!)[2]).toMatch(/^Niet getoond/);
  });

  it('lists every participant by name with their own sessions held, and marks who withdrew', () => {
    render(<ParticipantRatesTable participants={makeRates().participants!} />);

    const table = screen.getByRole('table', { name: 'Aanwezigheid per deelnemer' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['Annemiek de Vries', '2', '2', '0', '0', '0', '100% (2 van 2)', '100% (2 van 2)'],
      ['Joost Hendriksteruggetrokken uit de leergang', '2', '1', '0', '1', '0', '50% (1 van 2)', '50% (1 van 2)'],
      ['Nico Middelbos', '2', '1', '1', '0', '0', '50% (1 van 2)', '100% (1 van 1)'],
    ]);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Annemiek de Vries');
  });

  it('keeps percentages whole and in the reader’s language', async () => {
    await setLanguage('en');
    render(<ParticipantRatesTable participants={[{ ...makeRates().participants![0]!, tally: tally(3, 2, 0, 1, 0) }]} />);

    const [, row] = within(screen.getByRole('table', { name: 'Attendance per participant' })).getAllByRole('row');
    expect(cells(row!).slice(-2)).toEqual(['67% (2 of 3)', '67% (2 of 3)']);
  });
});
