import type { Ref } from 'react';
import { TextField } from '../../components/fields';

/**
 * A 6-digit code from the authenticator app: a numeric keyboard on phones, and the browser may offer a code it
 * received (one-time-code). Not type="number", which would drop leading zeros and add a spinner.
 */
export function CodeField({
  id,
  label,
  description,
  value,
  error,
  inputRef,
  onChange,
}: {
  id: string;
  label: string;
  description?: string;
  value: string;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id={id}
      label={label}
      description={description}
      error={error}
      inputRef={inputRef}
      value={value}
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      maxLength={20}
      className="lg-code-input"
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
