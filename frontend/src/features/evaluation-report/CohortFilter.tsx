import { Button, FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface CohortOption {
  id: string;
  name: string;
}

/**
 * "Alle groepen" or one cohort. A button applies the choice, so that moving through the options with the
 * keyboard does not change the page under the reader (WCAG 3.2.2). Without a whole-programme view (facilitators)
 * only their cohorts are offered.
 */
export function CohortFilter({
  options,
  current,
  allowAll,
  onChoose,
}: {
  options: CohortOption[];
  current: string | null;
  allowAll: boolean;
  onChoose: (cohortId: string | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [choice, setChoice] = useState(current ?? '');
  // Follow the address when it changes otherwise (back button, a link): the same form stays, so focus does too.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setChoice(current ?? '');
  }
  if (options.length + (allowAll ? 1 : 0) < 2) return null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChoose(choice || null);
  }

  return (
    <form className="lg-report-filter" onSubmit={onSubmit} aria-label={t('report.filter.form')}>
      <FormField className="lg-report-filter__field">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={id}>{t('report.filter.label')}</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select id={id} value={choice} onChange={(event) => setChoice(event.target.value)}>
            {allowAll && <SelectOption value="">{t('report.filter.all')}</SelectOption>}
            {options.map((option) => (
              <SelectOption key={option.id} value={option.id}>
                {option.name}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <Button type="submit" appearance="secondary-action-button">
        {t('report.filter.show')}
      </Button>
    </form>
  );
}
