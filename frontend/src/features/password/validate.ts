export type PasswordField = 'password' | 'repeat';

/** The server's rule (12 characters at least, 1024 bytes at most) and a matching repeat; returns i18n keys. */
export function checkNewPassword(password: string, repeat: string): Partial<Record<PasswordField, string>> {
  const errors: Partial<Record<PasswordField, string>> = {};
  if (password === '') errors.password = 'manage.password.errors.required';
  else if ([...password].length < 12) errors.password = 'manage.password.errors.short';
  else if (new TextEncoder().encode(password).length > 1024) errors.password = 'manage.password.errors.long';
  if (!errors.password && repeat !== password) errors.repeat = 'manage.password.errors.repeat';
  return errors;
}
