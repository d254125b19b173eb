import { describe, expect, it } from 'vitest';
import {
  addModule,
  addOption,
  checkModules,
  fromCohortModules,
  fromTemplate,
  keyFromTitle,
  moveModule,
  moveOption,
  removeModule,
  toCohortModules,
  toTemplate,
  updateModule,
  updateOption,
} from './moduleDraft';

const template = [
  { key: 'context', title: 'De gemeentesecretaris in zijn/haar context', description: 'Verkenning.', options: [] },
  { key: 'netwerken', title: 'Samenwerking en netwerken', description: '', options: [] },
  {
    key: 'keuzemodule',
    title: 'Keuzemodule en afsluiting',
    description: '',
    options: [
      { title: 'Verdieping: AI en algoritmen', description: '' },
      { title: 'Werkbezoek', description: 'Bij een gemeente.' },
    ],
  },
];

const keys = (list: { key: string }[]) => list.map((m) => m.key);

describe('the module list of the template editor', () => {
  it('moves a module up and down, and not past either end', () => {
    const list = fromTemplate(template);
    const [context, netwerken, keuze] = list;
    expect(keys(moveModule(list, keuze!.uid, -1))).toEqual(['context', 'keuzemodule', 'netwerken']);
    expect(keys(moveModule(list, context!.uid, 1))).toEqual(['netwerken', 'context', 'keuzemodule']);
    expect(moveModule(list, context!.uid, -1)).toBe(list);
    expect(moveModule(list, keuze!.uid, 1)).toBe(list);
    expect(keys(removeModule(list, netwerken!.uid))).toEqual(['context', 'keuzemodule']);
  });

  it('adds, edits and reorders the options of the keuzemodule only', () => {
    let list = fromTemplate(template);
    const keuze = list[2]!;
    list = addOption(list, keuze.uid);
    const added = list[2]!.options[2]!;
    list = updateOption(list, keuze.uid, added.uid, { title: 'Crisisoefening' });
    list = moveOption(list, keuze.uid, added.uid, -1);
    expect(list[2]!.options.map((o) => o.title)).toEqual(['Verdieping: AI en algoritmen', 'Crisisoefening', 'Werkbezoek']);
    expect(list[0]!.options).toEqual([]);
  });

  it('sends the template in its order, trimmed, without the editor’s own ids', () => {
    let list = addModule(fromTemplate(template));
    const added = list[3]!;
    list = updateModule(list, added.uid, { key: ' extra ', title: ' Terugkomdag ' });
    expect(toTemplate(list)[3]).toEqual({ key: 'extra', title: 'Terugkomdag', description: '', options: [] });
    expect(toTemplate(list)[2]!.options[1]).toEqual({ title: 'Werkbezoek', description: 'Bij een gemeente.' });
  });

  it('keeps the ids of a cohort’s modules and options, and sends capacities as numbers or null', () => {
    const list = fromCohortModules([
      {
        id: 'm1',
        position: 1,
        key: 'keuzemodule',
        title: 'Keuze',
        description: '',
        sessionCount: 2,
        options: [
          { id: 'o1', position: 1, title: 'A', description: '', capacity: 6, chosenBy: 1 },
          { id: 'o2', position: 2, title: 'B', description: '', capacity: null, chosenBy: 0 },
        ],
      },
    ]);
    expect(list[0]!.sessionCount).toBe(2);
    const withNew = addOption(list, list[0]!.uid);
    expect(toCohortModules(withNew)).toEqual([
      {
        id: 'm1',
        key: 'keuzemodule',
        title: 'Keuze',
        description: '',
        options: [
          { id: 'o1', title: 'A', description: '', capacity: 6 },
          { id: 'o2', title: 'B', description: '', capacity: null },
          { title: '', description: '', capacity: null },
        ],
      },
    ]);
  });

  it('finds what the server would refuse, under the server’s field names', () => {
    let list = fromTemplate(template);
    list = updateModule(list, list[1]!.uid, { key: 'context', title: ' ' });
    list = addModule(list);
    list = updateModule(list, list[3]!.uid, { key: 'Met Hoofdletters' });
    list = updateOption(list, list[2]!.uid, list[2]!.options[1]!.uid, { title: 'verdieping: ai en algoritmen', capacity: '0' });
    expect(Object.keys(checkModules(list)).sort()).toEqual([
      'modules[1].key',
      'modules[1].title',
      'modules[2].options[1].capacity',
      'modules[2].options[1].title',
      'modules[3].key',
      'modules[3].title',
    ]);
    expect(checkModules(list)['modules[1].key']).toBe('Module 2: deze sleutel heeft module 1 al.');
    expect(checkModules(fromTemplate(template))).toEqual({});
  });

  it('suggests a key from a Dutch title', () => {
    expect(keyFromTitle('(Politiek-)bestuurlijk adviseren')).toBe('politiek-bestuurlijk-adviseren');
    expect(keyFromTitle('Één keuze — café')).toBe('een-keuze-cafe');
  });
});
