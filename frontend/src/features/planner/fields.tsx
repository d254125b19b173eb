import {
  Alert,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  type TextareaProps,
  type TextboxProps,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { ReactNode, Ref } from 'react';

/*
 * Form fields with ids the form chooses, so that the error summary can point at them. Each error message and
 * description is tied to its control with aria-describedby, and the control is marked invalid.
 */

interface Chrome {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  description?: ReactNode;
}

function describedBy(id: string, error?: string, description?: ReactNode): string | undefined {
  const ids = [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Frame({ id, label, error, description, children }: Chrome & { children: ReactNode }) {
  return (
    <FormField invalid={Boolean(error)} className="lg-field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
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
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

export function TextField({
  id,
  label,
  error,
  description,
  inputRef,
  ...input
}: Chrome & Omit<TextboxProps, 'id'> & { inputRef?: Ref<HTMLInputElement> }) {
  return (
    <Frame id={id} label={label} error={error} description={description}>
      <Textbox
        id={id}
        ref={inputRef}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, error, description)}
        {...input}
      />
    </Frame>
  );
}

export function TextAreaField({ id, label, error, description, ...input }: Chrome & Omit<TextareaProps, 'id'>) {
  return (
    <Frame id={id} label={label} error={error} description={description}>
      <Textarea id={id} invalid={Boolean(error)} aria-describedby={describedBy(id, error, description)} {...input} />
    </Frame>
  );
}

export function SelectField({
  id,
  label,
  error,
  description,
  value,
  onChange,
  options,
  placeholder,
  required,
}: Chrome & {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  placeholder?: string;
  required?: boolean;
}) {
  return (
    <Frame id={id} label={label} error={error} description={description}>
      <Select
        id={id}
        value={value}
        invalid={Boolean(error)}
        required={required}
        aria-describedby={describedBy(id, error, description)}
        onChange={(event) => onChange(event.target.value)}
      >
        {placeholder !== undefined && <SelectOption value="">{placeholder}</SelectOption>}
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </Frame>
  );
}

/** A group of checkboxes under one legend; the first box carries the group's id for the error summary. */
export function CheckboxGroup({
  id,
  legend,
  error,
  description,
  options,
  checked,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  error?: string | undefined;
  description?: ReactNode;
  options: { value: string; label: string }[];
  checked: string[];
  onChange: (checked: string[]) => void;
}) {
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={describedBy(id, error, description)} className="lg-field">
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
      {options.map((option, index) => {
        const boxId = index === 0 ? id : `${id}-${option.value}`;
        return (
          <FormField key={option.value} type="checkbox" className="lg-checkbox">
            <FormLabel htmlFor={boxId} type="checkbox">
              <Checkbox
                id={boxId}
                className="utrecht-form-field__input"
                invalid={Boolean(error)}
                checked={checked.includes(option.value)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...checked, option.value]
                      : checked.filter((value) => value !== option.value),
                  )
                }
              />{' '}
              {option.label}
            </FormLabel>
          </FormField>
        );
      })}
    </Fieldset>
  );
}

export interface SummaryItem {
  id: string;
  message: string;
}

/**
 * What is wrong, at the top of the form: a focusable alert with a link to each field, so keyboard and screen
 * reader users hear the problems and can jump to them.
 */
export function ErrorSummary({
  title,
  detail,
  items,
  alertRef,
}: {
  title: string;
  detail?: string | undefined;
  items: SummaryItem[];
  alertRef: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  return (
    <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
      <Paragraph>
        <strong>{title}</strong>
      </Paragraph>
      {detail && <Paragraph>{detail}</Paragraph>}
      {items.length > 0 && (
        <ul className="lg-error-summary" aria-label={t('planner.form.summaryLabel')}>
          {items.map((item) => (
            <li key={item.id}>
              <a
                className="utrecht-link utrecht-link--html-a"
                href={`#${item.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.id)?.focus();
                }}
              >
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
