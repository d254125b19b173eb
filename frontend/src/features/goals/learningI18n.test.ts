import { describe, expect, it } from 'vitest';
import en from '../../i18n/learning.en.json';
import nl from '../../i18n/learning.nl.json';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('learning strings', () => {
  it('has every Dutch string in English too, under the learning features’ own top-level keys', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    expect(Object.keys(nl).sort()).toEqual(['goals', 'portrait', 'reflections']);
  });

  it('uses the consent sentence exactly as agreed', () => {
    expect(nl.portrait.consent).toBe(
      'Ik geef toestemming om dit portret met mijn naam, gemeente en functie te publiceren op de openbare pagina van de leergang.',
    );
  });
});
