import {
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

export interface RadioOption {
  value: string;
  label: ReactNode;
  description?: ReactNode;
}

/**
 * A group of radio buttons under one legend (a real fieldset), its description and error tied to the group.
 * The first radio carries the group's id, so an error summary can link to it.
 */
export function RadioGroup({
  id,
  name,
  legend,
  description,
  error,
  options,
  value,
  onChange,
  required = false,
  className,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  options: RadioOption[];
  value: string | null;
  onChange: (value: string) => void;
  required?: boolean;
  className?: string;
}) {
  const describedBy = [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={describedBy} className={['lg-field lg-radios', className].filter(Boolean).join(' ')}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="lg-radios__options">
        {options.map((option, index) => {
          const radioId = index === 0 ? id : `${id}-${option.value}`;
          const checked = value === option.value;
          return (
            <FormField key={option.value} type="radio" className="lg-radio">
              <div className="utrecht-form-field__input">
                <RadioButton
                  id={radioId}
                  name={name}
                  value={option.value}
                  checked={checked}
                  invalid={Boolean(error)}
                  required={required}
                  aria-describedby={option.description ? `${radioId}-description` : undefined}
                  onChange={() => onChange(option.value)}
                />
              </div>
              <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                <FormLabel htmlFor={radioId} type="radio" checked={checked}>
                  {option.label}
                </FormLabel>
              </div>
              {option.description && (
                <FormFieldDescription id={`${radioId}-description`} className="utrecht-form-field__description">
                  {option.description}
                </FormFieldDescription>
              )}
            </FormField>
          );
        })}
      </div>
    </Fieldset>
  );
}
