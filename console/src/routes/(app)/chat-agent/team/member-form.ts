/**
 * The Team page's forms: the invitation (by email: the invitee chooses their own password), read and checked
 * before the API is asked (so the usual mistakes get plain words), and the one-field changes of a member (role,
 * active).
 */
import { memberRoles, type MemberRole } from '$domain/handover.ts';
import type { CreateMemberRequest, UpdateMemberRequest } from '$domain/schemas/index.ts';

/** An invitation as the form sends it, and sends back after a failure. */
export type InviteDraft = Omit<CreateMemberRequest, 'password'>;

export function readInviteForm(form: FormData): {
  request: InviteDraft;
  fieldErrors: Record<string, string>;
} {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const request: InviteDraft = {
    name: text('name'),
    email: text('email').toLowerCase(),
    role: roleOf(text('role')) ?? 'agent',
  };

  const fieldErrors: Record<string, string> = {};
  if (!request.name) fieldErrors.name = 'Enter the member’s name.';
  if (!request.email) fieldErrors.email = 'Enter the email address they will sign in with.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(request.email)) fieldErrors.email = 'Enter an email address like name@company.com.';
  if (!roleOf(text('role'))) fieldErrors.role = 'Choose a role.';
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

function roleOf(value: string): MemberRole | null {
  return memberRoles.find((role) => role === value) ?? null;
}
