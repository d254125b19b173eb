import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  Textarea,
  Textbox,
  type SelectProps,
  type TextareaProps,
  type TextboxProps,
} from '@utrecht/component-library-react';
import type { ReactNode, Ref } from 'react';

/*
 * The form fields of every feature. Each has an id of the form's choosing, so the error summary can link to it;
 * the error message and description are tied to the control with aria-describedby, and the control is marked
 * invalid.
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
      <Textbox id={id} ref={inputRef} invalid={Boolean(error)} aria-describedby={describedBy(id, error, description)} {...input} />
    </Frame>
  );
}

export function TextAreaField({ id, label, error, description, ...input }: Chrome & Omit<TextareaProps, 'id'>) {
  return (
    <Frame id={id} label={label} error={error} description={description}>
      <Textarea id={id} invalid={Boolean(error)} aria-describedby={describedBy(id, error, description)} rows={3} {...input} />
    </Frame>
  );
}

export function SelectField({ id, label, error, description, children, ...input }: Chrome & Omit<SelectProps, 'id'>) {
  return (
    <Frame id={id} label={label} error={error} description={description}>
      <Select id={id} invalid={Boolean(error)} aria-describedby={describedBy(id, error, description)} {...input}>
        {children}
      </Select>
    </Frame>
  );
}

/** A file picker with the same label, description and error wiring as the other fields. */
export function FileField({
  id,
  label,
  error,
  description,
  accept,
  onFile,
}: Chrome & { accept: string; onFile: (file: File | null) => void }) {
  return (
    <Frame id={id} label={label} error={error} description={description}>
      <input
        id={id}
        type="file"
        className="lg-file"
        accept={accept}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, description)}
        onChange={(event) => onFile(event.target.files?.[0] ?? null)}
      />
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
