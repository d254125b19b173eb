import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fromTemplate, type ModuleDraft } from './moduleDraft';
import { ModuleListEditor } from './ModuleListEditor';

const template = fromTemplate([
  { key: 'context', title: 'Context', description: '', options: [] },
  { key: 'netwerken', title: 'Netwerken', description: '', options: [] },
  { key: 'keuzemodule', title: 'Keuzemodule', description: '', options: [{ title: 'Werkbezoek', description: '' }] },
]);

let latest: ModuleDraft[] = [];

function Editor({ errors = {}, initial = template }: { errors?: Record<string, string>; initial?: ModuleDraft[] }) {
  const [modules, setModules] = useState(initial);
  latest = modules;
  return <ModuleListEditor idPrefix="t" modules={modules} onChange={setModules} errors={errors} />;
}

const legends = () => screen.getAllByRole('group').map((g) => g.querySelector('legend')?.textContent ?? '');

describe('the module template editor', () => {
  it('reorders with buttons from the keyboard, keeps focus on the moved module and says where it went', async () => {
    render(<Editor />);
    const up = screen.getByRole('button', { name: 'Omhoog: Netwerken' });
    up.focus();
    await userEvent.keyboard('{Enter}');

    expect(latest.map((m) => m.key)).toEqual(['netwerken', 'context', 'keuzemodule']);
    expect(legends().filter((l) => l.startsWith('Module'))).toEqual([
      'Module 1: Netwerken',
      'Module 2: Context',
      'Module 3: Keuzemodule',
    ]);
    // At the top its up button is disabled: focus moves to its down button, on the same module.
    expect(screen.getByRole('button', { name: 'Omlaag: Netwerken' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Netwerken staat nu op plaats 1.');
    expect(screen.getByRole('button', { name: 'Omhoog: Netwerken' })).toBeDisabled();

    await userEvent.keyboard('{Enter}');
    expect(latest.map((m) => m.key)).toEqual(['context', 'netwerken', 'keuzemodule']);
    expect(screen.getByRole('button', { name: 'Omlaag: Netwerken' })).toHaveFocus();
  });

  it('adds a module and takes the user to its title, then suggests a key from it', async () => {
    render(<Editor />);
    await userEvent.click(screen.getByRole('button', { name: 'Module toevoegen' }));
    const title = screen.getByLabelText('Titel', { selector: '#t-modules-3-title' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(title).toHaveFocus();
    await userEvent.type(title, 'Bestuurlijk adviseren');
    await userEvent.tab();
    expect(latest[3]).toMatchObject({ title: 'Bestuurlijk adviseren', key: 'bestuurlijk-adviseren' });
  });

  it('removes a module, but offers no remove button for a module that has sessions', async () => {
    const withSessions = template.map((m, i) => (i === 0 ? { ...m, sessionCount: 2 } : m));
    render(<Editor initial={withSessions} />);
    expect(screen.queryByRole('button', { name: 'Verwijderen: Context' })).not.toBeInTheDocument();
    expect(screen.getByText('Deze module heeft 2 bijeenkomsten en kan daarom niet worden verwijderd.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Verwijderen: Netwerken' }));
    expect(latest.map((m) => m.key)).toEqual(['context', 'keuzemodule']);
    expect(screen.getByRole('button', { name: 'Module toevoegen' })).toHaveFocus();
  });

  it('edits the keuzemodule’s options in their own group', async () => {
    render(<Editor />);
    const options = screen.getByRole('group', { name: 'Keuzeonderdelen van Keuzemodule' });
    await userEvent.click(within(options).getByRole('button', { name: 'Keuzeonderdeel toevoegen aan Keuzemodule' }));
    await userEvent.type(within(options).getByLabelText('Titel van keuzeonderdeel 2'), 'Crisisoefening');
    await userEvent.click(within(options).getByRole('button', { name: 'Omhoog: Crisisoefening' }));
    expect(latest[2]!.options.map((o) => o.title)).toEqual(['Crisisoefening', 'Werkbezoek']);
  });

  it('ties each error to its field', () => {
    render(<Editor errors={{ 'modules[1].key': 'Module 2: deze sleutel heeft module 1 al.' }} />);
    const key = document.getElementById('t-modules-1-key')!;
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(key).toHaveAccessibleDescription(/Module 2: deze sleutel heeft module 1 al\./);
  });
});
