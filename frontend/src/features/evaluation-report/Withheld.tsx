import { useTranslation } from 'react-i18next';

/** "te weinig antwoorden", where a number would stand; the page explains once, at the top, what it means. */
export function Withheld() {
  const { t } = useTranslation();
  return <em className="lg-report-withheld">{t('report.withheld')}</em>;
}
