import { Button, FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CohortOverview } from '../../api/types';
import { cohortTitle } from '../cohorts/CohortDetails';

/**
 * Chooses the cohort a page shows, for people who took part in more than one. A button applies the choice, so
 * that moving through the options with the keyboard does not change the page under the reader (WCAG 3.2.2).
 */
export function CohortPicker({ cohorts, current }: { cohorts: CohortOverview[]; current: CohortOverview }) {
  const { t } = useTranslation();
  const id = useId();
  const [, setParams] = useSearchParams();
  const [choice, setChoice] = useState(current.id);
  if (cohorts.length < 2) return null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams({ groep: choice });
  }

  return (
    <form className="lg-learning-picker" onSubmit={onSubmit}>
      <FormField className="lg-learning-picker__field">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={id}>{t('learningNav.cohortPicker.label')}</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select id={id} value={choice} onChange={(event) => setChoice(event.target.value)}>
            {cohorts.map((cohort) => (
              <SelectOption key={cohort.id} value={cohort.id}>
                {cohortTitle(cohort)}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <Button type="submit" appearance="secondary-action-button">
        {t('learningNav.cohortPicker.show')}
      </Button>
    </form>
  );
}
