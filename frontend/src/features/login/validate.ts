export type LoginField = 'email' | 'password';
export type LoginErrors = Partial<Record<LoginField, string>>;

// Deliberately loose: the server decides what a valid account is; this only catches obvious typos early.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Returns i18n keys per invalid field. */
export function validateLogin(email: string, password: string): LoginErrors {
  const errors: LoginErrors = {};
  if (email.trim() === '') errors.email = 'login.errors.emailRequired';
  else if (!emailShape.test(email.trim())) errors.email = 'login.errors.emailInvalid';
  if (password === '') errors.password = 'login.errors.passwordRequired';
  return errors;
}
