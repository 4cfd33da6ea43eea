import { z } from './zod.ts';
import { maxPasswordLength, minPasswordLength } from '../passwords.ts';
import { Id, IsoTime, MailableEmail } from './common.ts';
import { MemberRole } from './members.ts';

/** A password being set: the length rule here; the common-password and own-email checks run in the API. */
export const NewPassword = z
  .string()
  .min(minPasswordLength)
  .max(maxPasswordLength)
  .meta({ description: `At least ${minPasswordLength} characters; not one of the most common passwords, nor the member's email` });

/** The secret of a one-time link, as the console read it from the link. */
export const OneTimeToken = z.string().min(1).max(200).meta({ description: 'The token of a one-time link (the last part of its path)' });

export const InvitationStatus = z
  .enum(['pending', 'expired', 'accepted', 'revoked'])
  .meta({ description: 'pending: the link works; expired: it no longer does (resend it); accepted and revoked: done' });

export const Invitation = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    role: MemberRole,
    status: InvitationStatus,
    invitedBy: z.object({ id: Id, name: z.string() }).nullable().meta({ description: 'The admin who invited; null once they are removed' }),
    createdAt: IsoTime,
    sentAt: IsoTime.meta({ description: 'When the latest email was sent (the invitation, or a resend)' }),
    expiresAt: IsoTime,
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const InvitationResponse = z.object({ invitation: Invitation }).meta({ id: 'InvitationResponse' });
export type InvitationResponse = z.infer<typeof InvitationResponse>;
export const ListInvitationsResponse = z
  .object({ invitations: z.array(Invitation).meta({ description: 'Invitations not yet accepted nor revoked, newest first' }) })
  .meta({ id: 'ListInvitationsResponse' });
export type ListInvitationsResponse = z.infer<typeof ListInvitationsResponse>;

export const InvitationTokenRequest = z.object({ token: OneTimeToken }).meta({ id: 'InvitationTokenRequest' });

/** What the invitation page shows before the invitee chooses a password. */
export const InvitationPreview = z
  .object({ email: z.string(), name: z.string(), role: MemberRole, workspaceName: z.string(), expiresAt: IsoTime })
  .meta({ id: 'InvitationPreview' });
export const InvitationPreviewResponse = z.object({ invitation: InvitationPreview }).meta({ id: 'InvitationPreviewResponse' });
export type InvitationPreviewResponse = z.infer<typeof InvitationPreviewResponse>;

export const AcceptInvitationRequest = z
  .object({
    token: OneTimeToken,
    name: z.string().trim().min(1).max(200).meta({ description: 'Their name as the team will see it (the invitation proposes one)' }),
    password: NewPassword,
  })
  .meta({ id: 'AcceptInvitationRequest' });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

// Only an address mail can be sent to can get a link.
export const PasswordResetRequest = z.object({ email: MailableEmail }).meta({ id: 'PasswordResetRequest' });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const CompletePasswordResetRequest = z.object({ token: OneTimeToken, password: NewPassword }).meta({ id: 'CompletePasswordResetRequest' });
export type CompletePasswordResetRequest = z.infer<typeof CompletePasswordResetRequest>;

export const ChangePasswordRequest = z
  .object({ currentPassword: z.string().min(1).max(maxPasswordLength), newPassword: NewPassword })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const OkResponse = z.object({ ok: z.literal(true) }).meta({ id: 'OkResponse' });
