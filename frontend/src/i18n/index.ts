import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from './nl.json';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

// Only the chosen UI language is remembered in the browser; it is not personal data.
const storageKey = 'leergang.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'nl';
  } catch {
    return 'nl'; // storage can be disabled; Dutch is the default
  }
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  // Copies: addStrings deep-merges into the store, which must not change the imported JSON modules.
  resources: { nl: { translation: structuredClone(nl) } },
  lng: 'nl',
  fallbackLng: 'nl',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false, // the Dutch strings are bundled, so the first render already has them
});

// Most readers use the Dutch interface: the English strings are a download of their own, fetched when chosen.
let english: Promise<void> | null = null;
function loadEnglish(): Promise<void> {
  english ??= import('./en.json').then(
    ({ default: en }) => {
      i18n.addResourceBundle('en', 'translation', structuredClone(en), true, false);
    },
    (err: unknown) => {
      english = null; // offline for a moment: the next choice tries again
      throw err;
    },
  );
  return english;
}

/** Settles once the remembered language is in place: at once for Dutch, after its strings arrive for English. */
export const languageReady: Promise<void> =
  storedLanguage() === 'en' ? setLanguage('en').catch(() => undefined) : Promise.resolve();

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'nl';
}

export async function setLanguage(lng: Language): Promise<void> {
  if (lng === 'en') await loadEnglish();
  try {
    window.localStorage.setItem(storageKey, lng);
  } catch {
    // not remembered; the switch still works for this visit
  }
  await i18n.changeLanguage(lng);
}

/**
 * Adds the strings of a lazily loaded feature (deep-merged into the one namespace), so they download with its
 * pages rather than with the first page. Importing the feature's strings module calls this once.
 */
export function addStrings(nl: object, en: object): void {
  i18n.addResourceBundle('nl', 'translation', nl, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
}

export default i18n;
