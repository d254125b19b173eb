import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/ApiError';
import i18n from '../../i18n';
import '../../i18n/security';
import en from '../../i18n/security.en.json';
import nl from '../../i18n/security.nl.json';
import { challengeGone, codeProblem, groupSecret, isSixDigits, spellCode } from './problems';
import { recoveryCodesText } from './RecoveryCodes';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

const problem = (status: number, extra: object = {}) =>
  new ApiError(status, { type: 'about:blank', title: 'Titel', status, ...extra });

describe('security helpers', () => {
  it('has every Dutch string in English too, under its own top-level key', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    expect(Object.keys(nl)).toEqual(['security']);
  });

  it('groups a secret in fours and spells a recovery code out', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJB')).toBe('JBSW Y3DP EHPK 3PXP JB');
    expect(groupSecret('JBSW Y3DP====')).toBe('JBSW Y3DP');
    expect(spellCode('ab12-cd34')).toBe('a b 1 2, c d 3 4');
  });

  it('reads a code as the server does: six digits, spaces ignored', () => {
    expect(isSixDigits('123 456')).toBe(true);
    expect(isSixDigits(' 123456 ')).toBe(true);
    expect(isSixDigits('12345')).toBe(false);
    expect(isSixDigits('12345a')).toBe(false);
  });

  it('tells an expired challenge from a wrong code', () => {
    const wrong = problem(401, { errors: [{ field: 'code', code: 'wrong', message: 'Onjuist' }] });
    expect(challengeGone(wrong)).toBe(false);
    expect(challengeGone(problem(401))).toBe(true);
    expect(challengeGone(problem(400))).toBe(true);
    expect(challengeGone(problem(403))).toBe(true);
    expect(challengeGone(problem(422, { errors: [{ field: 'challenge', code: 'required', message: 'Ontbreekt' }] }))).toBe(true);
    expect(challengeGone(problem(422, { errors: [{ field: 'code', code: 'invalid', message: 'Zes cijfers' }] }))).toBe(false);
    expect(challengeGone(problem(429))).toBe(false);
    expect(challengeGone(new TypeError('Failed to fetch'))).toBe(false);
  });

  it('puts a wrong code’s message at the code field, once', () => {
    expect(codeProblem(problem(401, { detail: 'Klopt niet' }), 'code')).toEqual({ title: 'Titel', fields: { code: 'Klopt niet' } });
    expect(
      codeProblem(problem(401, { detail: 'Klopt niet', errors: [{ field: 'code', code: 'wrong', message: 'Klopt niet' }] }), 'code'),
    ).toEqual({ title: 'Titel', detail: undefined, fields: { code: 'Klopt niet' } });
    expect(codeProblem(problem(429, { detail: 'Over 1 minuut' }), 'code')).toEqual({ title: 'Titel', detail: 'Over 1 minuut', fields: {} });
  });

  it('writes the recovery codes file with the account, the moment and numbered codes', () => {
    const text = recoveryCodesText(['aaaa-bbbb', 'cccc-dddd'], 'nico@kampen.example', i18n.t, new Date('2026-11-23T13:00:00Z'));
    expect(text.split('\r\n')).toEqual([
      'Leergang: herstelcodes voor tweestapsverificatie',
      'Account: nico@kampen.example',
      'Gemaakt op: 23 nov 2026, 14:00',
      '',
      'Gebruik een van deze codes als u geen code uit uw authenticator-app kunt invullen. Elke code werkt één keer. Nieuwe codes maakt u op de pagina Beveiliging in Leergang.',
      '',
      '1. aaaa-bbbb',
      '2. cccc-dddd',
      '',
    ]);
  });
});
