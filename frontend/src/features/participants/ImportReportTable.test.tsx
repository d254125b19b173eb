import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { ImportReportTable } from './ImportReportTable';
import type { ImportReport } from './types';

const report: ImportReport = {
  dryRun: true,
  imported: 1,
  skipped: 3,
  rows: [
    { line: 2, name: 'Annemiek de Vries', email: 'annemiek.devries@zwolle.example', status: 'imported', errors: [] },
    {
      line: 3,
      name: 'Joost Hendriks',
      email: '',
      status: 'invalid',
      errors: [{ field: 'email', code: 'required', message: 'Vul een e-mailadres in.' }],
    },
    {
      line: 5,
      name: 'Annemiek de Vries',
      email: 'annemiek.devries@zwolle.example',
      status: 'invalid',
      errors: [
        { field: 'row', code: 'columns', message: 'Deze regel heeft 3 kolommen in plaats van 4.' },
        { field: 'email', code: 'duplicate', message: 'Dit e-mailadres staat ook op regel 2.' },
      ],
    },
    { line: 6, name: 'Nico Middelbos', email: 'nico.middelbos@kampen.example', status: 'already_enrolled', errors: [] },
  ],
};

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);

describe('the CSV import report', () => {
  afterEach(async () => {
    await setLanguage('nl');
  });

  it('lists every row by its line in the file, with the outcome in words and what is wrong by column', () => {
    render(<ImportReportTable report={report} fileName="groep-2026.csv" />);
    expect(screen.getByText('1 deelnemer kan worden ingeschreven. 3 regels worden overgeslagen.')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Controle per regel van groep-2026.csv' });
    const [header, ...rows] = within(table).getAllByRole('row');
    expect(within(header!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Regel',
      'Naam',
      'E-mailadres',
      'Resultaat',
      'Toelichting',
    ]);
    expect(rows.map(cells)).toEqual([
      ['2', 'Annemiek de Vries', 'annemiek.devries@zwolle.example', 'Wordt ingeschreven', ''],
      ['3', 'Joost Hendriks', '', 'Fout: wordt overgeslagen', 'email: Vul een e-mailadres in.'],
      [
        '5',
        'Annemiek de Vries',
        'annemiek.devries@zwolle.example',
        'Fout: wordt overgeslagen',
        'Deze regel heeft 3 kolommen in plaats van 4.email: Dit e-mailadres staat ook op regel 2.',
      ],
      ['6', 'Nico Middelbos', 'nico.middelbos@kampen.example', 'Staat al in de groep', ''],
    ]);
    expect(within(rows[2]!).getAllByRole('listitem')).toHaveLength(2);
  });

  it('speaks in the past tense once the import has run', async () => {
    render(<ImportReportTable report={{ ...report, dryRun: false, imported: 2 }} fileName="groep.csv" />);
    expect(screen.getByText('2 deelnemers zijn ingeschreven. 3 regels worden overgeslagen.')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Import per regel van groep.csv' })).toHaveTextContent('Ingeschreven');
    await setLanguage('en');
    expect(screen.getByRole('table', { name: 'Import per line of groep.csv' })).toHaveTextContent('Was already in the cohort');
  });
});
