/**
 * What makes a password one we refuse, beyond its length: one of the most common passwords (or one with digits
 * or symbols around it), a repeated character or short pattern, or the member's own email. The messages are
 * shown beside the password field. Pure: the list of common passwords is given by the caller.
 */
export const minPasswordLength = 12;
export const maxPasswordLength = 200;

export interface PasswordContext {
  /** The email of the member whose password it is. */
  email: string;
  /** Whether a (lower-case) password is among the most common ones. */
  isCommon(candidate: string): boolean;
}

/** A person-readable reason to refuse `password`, or null when it may be used. */
export function passwordProblem(password: string, context: PasswordContext): string | null {
  const lower = password.toLowerCase();
  const email = context.email.trim().toLowerCase();
  const localPart = email.slice(0, email.lastIndexOf('@'));
  if (lower.includes(email) || (localPart.length > 0 && lower.trim() === localPart)) {
    return 'Don’t use your email address as your password: choose something only you know.';
  }
  const repeated = /^(.+?)\1+$/su.exec(lower);
  if (repeated?.[1] && [...repeated[1]].length <= 4) {
    return 'A repeated character or short pattern is easy to guess: choose another password.';
  }
  // What cracking tools try first: the list itself, a listed one doubled, and one with digits or symbols around it.
  const core = lower.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
  if (context.isCommon(lower) || (repeated?.[1] && context.isCommon(repeated[1])) || (core.length >= 4 && context.isCommon(core))) {
    return 'This is one of the most common passwords, which attackers try first: choose another. A few unrelated words make a strong one.';
  }
  return null;
}
