import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import en from '../../i18n/report.en.json';
import nl from '../../i18n/report.nl.json';
import { bucketLabel, distributionRows, trendRows } from './chartData';
import { formatDecimal, formatMean, formatNps, formatPercent } from './format';
import { fallbackFileName } from './queries';
import { scaleQuestion, withheld } from './testData';

describe('figures in the reader’s language', () => {
  afterEach(async () => {
    await setLanguage('nl');
  });

  it('writes Dutch numbers with a comma and English ones with a point', async () => {
    expect(formatMean(4.2)).toBe('4,2');
    expect(formatMean(4)).toBe('4,0');
    expect(formatDecimal(4)).toBe('4');
    expect(formatDecimal(3.5)).toBe('3,5');
    expect(formatPercent(0.875)).toBe('87,5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatNps(32)).toBe('+32');
    expect(formatNps(-12)).toBe('−12');
    expect(formatNps(0)).toBe('0');
    await setLanguage('en');
    expect(formatMean(4.25)).toBe('4.3');
    expect(formatPercent(0.875)).toBe('87.5%');
  });
});

describe('what the charts draw', () => {
  it('labels a scale value with its words and a choice by its label', () => {
    expect(bucketLabel('scale', { value: '5', label: 'uitstekend' })).toBe('5 — uitstekend');
    expect(bucketLabel('scale', { value: '3', label: '3' })).toBe('3');
    expect(bucketLabel('choice', { value: 'intervisie', label: 'Intervisie' })).toBe('Intervisie');
  });

  it('gives a withheld stat no bars and a withheld group no mean', () => {
    expect(distributionRows('scale', withheld())).toEqual([]);
    const rows = trendRows(scaleQuestion().byCohort);
    expect(rows.map((row) => [row.label, row.mean, row.n])).toEqual([
      ['2021–2022', 4.1, 9],
      ['2023–2024', 4.3, 9],
      ['2026–2027', null, 0],
    ]);
  });
});

describe('the download’s file name', () => {
  const day = new Date('2026-11-23T10:00:00Z');

  it('is one of our own when the server gives none', () => {
    expect(fallbackFileName('xlsx', day)).toBe('evaluatierapport-2026-11-23.xlsx');
    expect(fallbackFileName('pdf', day)).toBe('evaluatierapport-2026-11-23.pdf');
  });
});

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('the report’s strings', () => {
  it('exist in Dutch and English with the same keys, under their own top-level key', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    expect(Object.keys(nl)).toEqual(['report']);
    expect(Object.keys(en)).toEqual(['report']);
  });

  it('overwrite no other bundle’s strings', () => {
    const others = import.meta.glob<{ default: object }>(['../../i18n/*.nl.json', '../../i18n/nl.json', '!../../i18n/report.nl.json'], {
      eager: true,
    });
    expect(Object.keys(others).length).toBeGreaterThan(0);
    for (const [file, bundle] of Object.entries(others)) {
      expect(Object.keys(bundle.default), file).not.toContain('report');
    }
  });

  it('address the reader as “u”, never “je”', () => {
    const texts = keys(nl).map((key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], nl) as string);
    for (const text of texts) expect(text, text).not.toMatch(/\b(je|jij|jouw)\b/i);
  });
});
