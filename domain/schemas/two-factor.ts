import { z } from './zod.ts';
import { IsoTime } from './common.ts';
import { Member, MemberResponse } from './members.ts';

/** What the authenticator app shows: 6 digits, spaces allowed ("123 456"). */
export const TotpCode = z
  .string()
  .trim()
  .max(20)
  .regex(/^\d{3}\s?\d{3}$/, 'must be the 6 digits your authenticator app shows')
  .meta({ description: 'The 6-digit code the authenticator app shows now' });

/** A code of the app, or one of the recovery codes given at enrolment. */
export const SecondFactorCode = z
  .string()
  .trim()
  .min(6, 'must be the 6 digits of your app, or a recovery code')
  .max(40, 'must be the 6 digits of your app, or a recovery code')
  .meta({ description: 'The 6-digit code of the authenticator app, or one of the recovery codes (each works once)' });

export const TwoFactorStatus = z
  .object({
    enabled: z.boolean().meta({ description: 'Signing in asks for a code of the authenticator app' }),
    enabledAt: IsoTime.nullable(),
    recoveryCodesLeft: z.number().int().meta({ description: 'Recovery codes not used yet' }),
    requiredByWorkspace: z.boolean().meta({ description: 'An admin requires two-factor of every member: without it, a member may only enrol' }),
  })
  .meta({ id: 'TwoFactorStatus' });
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

export const TwoFactorStatusResponse = z.object({ twoFactor: TwoFactorStatus }).meta({ id: 'TwoFactorStatusResponse' });
export type TwoFactorStatusResponse = z.infer<typeof TwoFactorStatusResponse>;

export const StartTwoFactorResponse = z
  .object({
    secret: z.string().meta({ description: 'The TOTP secret (base32), to type into the app by hand; shown until enrolment is confirmed, never after' }),
    uri: z.string().meta({ description: 'The otpauth:// URI of the secret, for a QR code' }),
  })
  .meta({ id: 'StartTwoFactorResponse' });
export type StartTwoFactorResponse = z.infer<typeof StartTwoFactorResponse>;

export const ConfirmTwoFactorRequest = z.object({ code: TotpCode }).meta({ id: 'ConfirmTwoFactorRequest' });
export type ConfirmTwoFactorRequest = z.infer<typeof ConfirmTwoFactorRequest>;

export const ConfirmTwoFactorResponse = z
  .object({
    twoFactor: TwoFactorStatus,
    recoveryCodes: z.array(z.string()).meta({ description: 'One-time codes for when the app is lost: shown this once, stored hashed' }),
  })
  .meta({ id: 'ConfirmTwoFactorResponse' });
export type ConfirmTwoFactorResponse = z.infer<typeof ConfirmTwoFactorResponse>;

export const DisableTwoFactorRequest = z
  .object({
    password: z.string().min(1).max(200).meta({ description: 'The member\u2019s current password' }),
    code: SecondFactorCode,
  })
  .meta({ id: 'DisableTwoFactorRequest' });
export type DisableTwoFactorRequest = z.infer<typeof DisableTwoFactorRequest>;

export const LoginTwoFactorRequest = z.object({ code: SecondFactorCode }).meta({ id: 'LoginTwoFactorRequest' });
export type LoginTwoFactorRequest = z.infer<typeof LoginTwoFactorRequest>;

export const TwoFactorRequiredResponse = z
  .object({
    twoFactorRequired: z.literal(true),
    expiresAt: IsoTime.meta({ description: 'Until when POST /auth/login/two-factor takes a code for this sign-in' }),
  })
  .meta({
    id: 'TwoFactorRequiredResponse',
    description: 'The password was right and the member signs in with a second factor: no session yet. A short-lived, single-use cookie now names this sign-in; send a code to POST /auth/login/two-factor with it.',
  });
export type TwoFactorRequiredResponse = z.infer<typeof TwoFactorRequiredResponse>;

export const LoginResponse = z.union([MemberResponse, TwoFactorRequiredResponse]).meta({
  id: 'LoginResponse',
  description: '`{ member }` with the session cookie set; or, for a member with two-factor on, `{ twoFactorRequired: true }` and no session yet',
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z
  .object({
    member: Member,
    twoFactorEnrolmentRequired: z
      .boolean()
      .meta({ description: 'The workspace requires two-factor and this member has none: every other call answers 403 two_factor_enrolment_required until they enrol' }),
  })
  .meta({ id: 'MeResponse' });
export type MeResponse = z.infer<typeof MeResponse>;

export const SecuritySettings = z
  .object({ requireTwoFactor: z.boolean().meta({ description: 'Every member signs in with a second factor; one without it may only enrol' }) })
  .strict()
  .meta({ id: 'SecuritySettings' });
export type SecuritySettings = z.infer<typeof SecuritySettings>;

export const SecuritySettingsResponse = z.object({ security: SecuritySettings }).meta({ id: 'SecuritySettingsResponse' });
export type SecuritySettingsResponse = z.infer<typeof SecuritySettingsResponse>;
