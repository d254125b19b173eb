import { afterEach, describe, expect, it } from 'vitest';
import i18n, { setLanguage } from '../../i18n';
import en from '../../i18n/coaching.en.json';
import nl from '../../i18n/coaching.nl.json';
import { actionText, knownActions, knownRoles, rolesText } from './actions';

describe('access-log actions in plain words', () => {
  afterEach(async () => {
    await setLanguage('nl');
  });

  it('says what a staff member did with the participant’s data', () => {
    const t = i18n.t.bind(i18n);
    expect(actionText('goals.read', t)).toBe('bekeek uw leerdoelen');
    expect(actionText('goal.read', t)).toBe('bekeek een leerdoel');
    expect(actionText('reflections.read', t)).toBe('las uw gedeelde reflecties');
    expect(actionText('reflection.read', t)).toBe('las een reflectie');
    expect(actionText('portrait.read', t)).toBe('las uw ingediende portret');
    expect(actionText('portrait.approved', t)).toBe('keurde uw portret goed en publiceerde het');
    expect(actionText('portrait.rejected', t)).toBe('wees uw portret af');
    expect(actionText('grant.created', t)).toBe('gaf u een rol');
  });

  it('shows an action it has no words for as written, rather than hiding it', () => {
    const t = i18n.t.bind(i18n);
    expect(actionText('goal.archived', t)).toBe('goal.archived');
    // A prefix of known actions is not itself one: never an object or a key path on screen.
    expect(actionText('goal', t)).toBe('goal');
  });

  it('has words for every known action and role in both languages', async () => {
    for (const lng of ['nl', 'en'] as const) {
      await setLanguage(lng);
      const t = i18n.t.bind(i18n);
      for (const action of knownActions) {
        const text = actionText(action, t);
        expect(text, `${lng} ${action}`).not.toBe(action);
        expect(text, `${lng} ${action}`).not.toMatch(/^myData\./);
      }
      for (const role of knownRoles) expect(rolesText([role], t)).not.toMatch(/^myData\./);
    }
    await setLanguage('en');
    expect(actionText('goals.read', i18n.t.bind(i18n))).toBe('viewed your learning goals');
  });

  it('names the actor’s roles in words', () => {
    const t = i18n.t.bind(i18n);
    expect(rolesText(['facilitator', 'admin'], t)).toBe('begeleider, beheerder');
    expect(rolesText([], t)).toBe('geen rol meer');
    expect(rolesText(['reviewer'], t)).toBe('reviewer');
  });
});

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('the coaching, review, people and privacy strings', () => {
  it('exist in Dutch and English with the same keys, under their own top-level keys', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    expect(Object.keys(nl).sort()).toEqual(['coaching', 'myData', 'people', 'portraitReview', 'publicPortraits']);
  });
});
