/**
 * The Team page's forms: the invitation, read and checked before the API is asked (so the usual
 * mistakes get plain words), and the one-field changes of a member (role, active).
 */
import { memberRoles, type MemberRole } from '$domain/handover.ts';
import type { CreateMemberRequest, UpdateMemberRequest } from '$domain/schemas/index.ts';

export const MIN_PASSWORD_LENGTH = 12;

/** What the invitation form sends back after a failure: everything but the password. */
export type InviteDraft = Omit<CreateMemberRequest, 'password'>;

export function readInviteForm(form: FormData): {
  request: CreateMemberRequest;
  fieldErrors: Record<string, string>;
} {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const request: CreateMemberRequest = {
    name: text('name'),
    email: text('email').toLowerCase(),
    role: roleOf(text('role')) ?? 'agent',
    password: String(form.get('password') ?? ''),
  };

  const fieldErrors: Record<string, string> = {};
  if (!request.name) fieldErrors.name = 'Enter the member’s name.';
  if (!request.email) fieldErrors.email = 'Enter the email address they will sign in with.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(request.email)) fieldErrors.email = 'Enter an email address like name@company.com.';
  if (!roleOf(text('role'))) fieldErrors.role = 'Choose a role.';
  if (request.password.length < MIN_PASSWORD_LENGTH) {
    fieldErrors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return { request, fieldErrors };
}

/** A role change or a (de)activation of one member, as its row's small forms submit it. */
export function readMemberChange(form: FormData): { memberId: string; changes: UpdateMemberRequest } | null {
  const memberId = String(form.get('memberId') ?? '');
  if (!memberId) return null;
  const role = roleOf(String(form.get('role') ?? ''));
  if (role) return { memberId, changes: { role } };
  const active = form.get('active');
  if (active === 'true' || active === 'false') return { memberId, changes: { active: active === 'true' } };
  return null;
}

/** A first password that is easy to read out: no 0/O or 1/l/I. */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const values = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(values, (value) => alphabet[value % alphabet.length]).join('');
}

function roleOf(value: string): MemberRole | null {
  return memberRoles.find((role) => role === value) ?? null;
}
