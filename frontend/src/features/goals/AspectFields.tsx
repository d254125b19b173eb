import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Framework, FrameworkGroup } from './types';

/** "Willen — Waardegedreven strategie": the group's question (its description) first, as the framework reads. */
export function groupLegend(group: FrameworkGroup): string {
  const question = group.description.trim();
  if (!question) return group.label;
  return `${question.charAt(0).toUpperCase()}${question.slice(1)} — ${group.label}`;
}

/**
 * The framework's aspects as checkboxes, one fieldset per group with the aspect's description as its hint.
 * The first box carries `id`, so the error summary can lead there.
 */
export function AspectFields({
  id,
  framework,
  checked,
  onChange,
  error,
}: {
  id: string;
  framework: Framework;
  checked: string[];
  onChange: (keys: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const firstKey = framework.groups.flatMap((group) => group.aspects)[0]?.key;
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={describedBy} className="lg-aspects">
      <FieldsetLegend>{t('goals.form.aspects')}</FieldsetLegend>
      <FormFieldDescription id={`${id}-hint`} className="utrecht-form-field__description">
        {t('goals.form.aspectsHelp', { name: framework.name })}
      </FormFieldDescription>
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      {framework.groups.map((group) => (
        <Fieldset key={group.key} className="lg-aspects__group">
          <FieldsetLegend>{groupLegend(group)}</FieldsetLegend>
          {group.aspects.map((aspect) => {
            const boxId = aspect.key === firstKey ? id : `${id}-${aspect.key}`;
            return (
              <FormField key={aspect.key} type="checkbox" className="lg-checkbox lg-aspect">
                <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                  <FormLabel htmlFor={boxId} type="checkbox">
                    <Checkbox
                      id={boxId}
                      className="utrecht-form-field__input"
                      invalid={Boolean(error)}
                      checked={checked.includes(aspect.key)}
                      aria-describedby={aspect.description ? `${boxId}-description` : undefined}
                      onChange={(event) =>
                        onChange(
                          event.target.checked
                            ? [...checked, aspect.key]
                            : checked.filter((key) => key !== aspect.key),
                        )
                      }
                    />{' '}
                    {aspect.label}
                  </FormLabel>
                </div>
                {aspect.description && (
                  <FormFieldDescription id={`${boxId}-description`} className="utrecht-form-field__description lg-aspect__description">
                    {aspect.description}
                  </FormFieldDescription>
                )}
              </FormField>
            );
          })}
        </Fieldset>
      ))}
    </Fieldset>
  );
}
