import '../../i18n/staff';
import i18n from '../../i18n';
import type { CohortModulesInput, EditableModule, TemplateModule } from './types';

/*
 * The module list as an editor holds it: a programme's template or a cohort's modules, with their elective
 * options. Every change is a pure function returning a new list, so the editor stays simple and the rules are
 * tested on their own. `uid` tells rows apart while editing; `id` is the server's, absent for new rows.
 */

export interface OptionDraft {
  uid: string;
  id?: string | undefined;
  title: string;
  description: string;
  /** As typed; empty for no limit. Only cohorts have option capacities. */
  capacity: string;
  chosenBy: number;
}

export interface ModuleDraft {
  uid: string;
  id?: string | undefined;
  key: string;
  title: string;
  description: string;
  sessionCount: number;
  options: OptionDraft[];
}

let lastUid = 0;
const newUid = () => `draft-${++lastUid}`;

export function fromTemplate(modules: TemplateModule[]): ModuleDraft[] {
  return modules.map((m) => ({
    uid: newUid(),
    key: m.key,
    title: m.title,
    description: m.description,
    sessionCount: 0,
    options: m.options.map((o) => ({ uid: newUid(), title: o.title, description: o.description, capacity: '', chosenBy: 0 })),
  }));
}

export function fromCohortModules(modules: EditableModule[]): ModuleDraft[] {
  return modules.map((m) => ({
    uid: newUid(),
    id: m.id,
    key: m.key,
    title: m.title,
    description: m.description,
    sessionCount: m.sessionCount,
    options: m.options.map((o) => ({
      uid: newUid(),
      id: o.id,
      title: o.title,
      description: o.description,
      capacity: o.capacity === null ? '' : String(o.capacity),
      chosenBy: o.chosenBy,
    })),
  }));
}

export function toTemplate(drafts: ModuleDraft[]): TemplateModule[] {
  return drafts.map((m) => ({
    key: m.key.trim(),
    title: m.title.trim(),
    description: m.description.trim(),
    options: m.options.map((o) => ({ title: o.title.trim(), description: o.description.trim() })),
  }));
}

export function toCohortModules(drafts: ModuleDraft[]): CohortModulesInput['modules'] {
  return drafts.map((m) => ({
    ...(m.id ? { id: m.id } : {}),
    key: m.key.trim(),
    title: m.title.trim(),
    description: m.description.trim(),
    options: m.options.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      title: o.title.trim(),
      description: o.description.trim(),
      capacity: o.capacity.trim() === '' ? null : Number(o.capacity),
    })),
  }));
}

/** "Samenwerking en netwerken" → "samenwerking-en-netwerken": a key suggestion for a new module. */
export function keyFromTitle(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function move<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

export const addModule = (list: ModuleDraft[]): ModuleDraft[] => [
  ...list,
  { uid: newUid(), key: '', title: '', description: '', sessionCount: 0, options: [] },
];

export const removeModule = (list: ModuleDraft[], uid: string): ModuleDraft[] => list.filter((m) => m.uid !== uid);

export const moveModule = (list: ModuleDraft[], uid: string, delta: -1 | 1): ModuleDraft[] =>
  move(list, list.findIndex((m) => m.uid === uid), delta);

export function updateModule(
  list: ModuleDraft[],
  uid: string,
  patch: Partial<Pick<ModuleDraft, 'key' | 'title' | 'description'>>,
): ModuleDraft[] {
  return list.map((m) => (m.uid === uid ? { ...m, ...patch } : m));
}

function withOptions(list: ModuleDraft[], uid: string, change: (options: OptionDraft[]) => OptionDraft[]): ModuleDraft[] {
  return list.map((m) => (m.uid === uid ? { ...m, options: change(m.options) } : m));
}

export const addOption = (list: ModuleDraft[], moduleUid: string): ModuleDraft[] =>
  withOptions(list, moduleUid, (options) => [
    ...options,
    { uid: newUid(), title: '', description: '', capacity: '', chosenBy: 0 },
  ]);

export const removeOption = (list: ModuleDraft[], moduleUid: string, optionUid: string): ModuleDraft[] =>
  withOptions(list, moduleUid, (options) => options.filter((o) => o.uid !== optionUid));

export const moveOption = (list: ModuleDraft[], moduleUid: string, optionUid: string, delta: -1 | 1): ModuleDraft[] =>
  withOptions(list, moduleUid, (options) => move(options, options.findIndex((o) => o.uid === optionUid), delta));

export function updateOption(
  list: ModuleDraft[],
  moduleUid: string,
  optionUid: string,
  patch: Partial<Pick<OptionDraft, 'title' | 'description' | 'capacity'>>,
): ModuleDraft[] {
  return withOptions(list, moduleUid, (options) => options.map((o) => (o.uid === optionUid ? { ...o, ...patch } : o)));
}

const keyShape = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The same checks the server makes, before sending: messages per field, named as the server names them
 * (modules[1].key), so one error summary serves both.
 */
export function checkModules(list: ModuleDraft[]): Record<string, string> {
  const t = i18n.t.bind(i18n);
  const errors: Record<string, string> = {};
  const keys = new Map<string, number>();
  list.forEach((m, i) => {
    const at = `modules[${i}]`;
    const key = m.key.trim();
    if (key === '') errors[`${at}.key`] = t('manage.modules.errors.keyRequired', { n: i + 1 });
    else if (!keyShape.test(key) || key.length > 60) errors[`${at}.key`] = t('manage.modules.errors.keyShape', { n: i + 1 });
    else if (keys.has(key)) errors[`${at}.key`] = t('manage.modules.errors.keyTaken', { n: i + 1, other: (keys.get(key) ?? 0) + 1 });
    else keys.set(key, i);
    if (m.title.trim() === '') errors[`${at}.title`] = t('manage.modules.errors.titleRequired', { n: i + 1 });
    const titles = new Set<string>();
    m.options.forEach((o, j) => {
      const field = `${at}.options[${j}]`;
      const title = o.title.trim().toLowerCase();
      if (title === '') errors[`${field}.title`] = t('manage.modules.errors.optionTitleRequired', { n: i + 1, m: j + 1 });
      else if (titles.has(title)) errors[`${field}.title`] = t('manage.modules.errors.optionTitleTaken', { n: i + 1, m: j + 1 });
      titles.add(title);
      const capacity = o.capacity.trim();
      if (capacity !== '' && !(/^\d+$/.test(capacity) && Number(capacity) >= 1 && Number(capacity) <= 500)) {
        errors[`${field}.capacity`] = t('manage.modules.errors.optionCapacity', { n: i + 1, m: j + 1 });
      }
    });
  });
  return errors;
}
