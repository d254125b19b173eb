import { currentLanguage, type Language } from '../../i18n';

// Figures as the reader's language writes them: "4,2" and "87,5%" in Dutch, "4.2" and "87.5%" in English.
const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A mean or median with one decimal: "4,2"; a whole median stays whole ("4"). */
export function formatDecimal(value: number, lng: Language = currentLanguage()): string {
  return new Intl.NumberFormat(locales[lng], { minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
}

/** A mean always with one decimal, so a column of means lines up: "4,0", "4,2". */
export function formatMean(value: number, lng: Language = currentLanguage()): string {
  return new Intl.NumberFormat(locales[lng], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A share (0…1) as a percentage with at most one decimal: "87,5%". */
export function formatPercent(value: number, lng: Language = currentLanguage()): string {
  return new Intl.NumberFormat(locales[lng], { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A whole number with the language's grouping: "1.234". */
export function formatCount(value: number, lng: Language = currentLanguage()): string {
  return new Intl.NumberFormat(locales[lng]).format(value);
}

/** A Net Promoter Score with its sign, as it is usually written: "+32", "−12", "0". */
export function formatNps(score: number, lng: Language = currentLanguage()): string {
  return new Intl.NumberFormat(locales[lng], { signDisplay: 'exceptZero', maximumFractionDigits: 0 })
    .format(score)
    .replace('-', '−');
}
