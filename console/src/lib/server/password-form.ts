/** Reads a new password and its confirmation from a form, with the mistakes a person makes in plain words. */
import { minPasswordLength } from '$domain/passwords.ts';

export function readNewPassword(form: FormData, field: string): { password: string; fieldErrors: Record<string, string> } {
  const password = String(form.get(field) ?? '');
  const confirmation = String(form.get(`${field}Confirmation`) ?? '');
  const fieldErrors: Record<string, string> = {};
  if (password.length < minPasswordLength) fieldErrors[field] = `Use at least ${minPasswordLength} characters.`;
  else if (password !== confirmation) fieldErrors[`${field}Confirmation`] = 'The two passwords are not the same: type it again.';
  return { password, fieldErrors };
}
