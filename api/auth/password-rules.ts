import { ZodError } from 'zod';
import { passwordProblem } from '../../domain/passwords.ts';
import { commonPasswords } from '../../platform/common-passwords.ts';

/**
 * Refuses a password being set that is common, repeats a short pattern, or is the member's email: 422
 * `validation_failed` naming `field`, as any other field error, before anything is hashed or changed.
 */
export function assertAcceptablePassword(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, { email, isCommon: (candidate) => commonPasswords().has(candidate) });
  if (problem) throw new ZodError([{ code: 'custom', path: [field], message: problem, input: undefined }]);
}
