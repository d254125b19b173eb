import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import coachingEn from './coaching.en.json';
import coachingNl from './coaching.nl.json';
import en from './en.json';
import learningEn from './learning.en.json';
import learningNl from './learning.nl.json';
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
  // Feature files being written in parallel, merged here by top-level key; they move into nl/en.json after.
  resources: {
    nl: { translation: { ...nl, ...learningNl, ...coachingNl } },
    en: { translation: { ...en, ...learningEn, ...coachingEn } },
  },
  lng: storedLanguage(),
  fallbackLng: 'nl',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false, // resources are bundled, so the first render already has its strings
});

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'nl';
}

export async function setLanguage(lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, lng);
  } catch {
    // not remembered; the switch still works for this visit
  }
  await i18n.changeLanguage(lng);
}

export default i18n;
