import { Button } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, languages, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div role="group" aria-label={t('language.label')} className="lg-language-switch">
      {languages.map((lng) => (
        // Each name is written in its own language, so it is marked with that language for screen readers.
        <Button
          key={lng}
          type="button"
          appearance="subtle-button"
          lang={lng}
          pressed={lng === active}
          // English is a download of its own: without a connection the interface stays as it is, and a next click
          // tries again.
          onClick={() => void setLanguage(lng).catch(() => undefined)}
        >
          {t(`language.${lng}`)}
        </Button>
      ))}
    </div>
  );
}
