import { z } from './zod.ts';
import { Id, IsoTime, MailableEmail } from './common.ts';
import { InvitationResponse, NewPassword } from './accounts.ts';
import { Member, MemberResponse, MemberRole } from './members.ts';

export const ApiKey = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
    createdAt: IsoTime,
    lastUsedAt: IsoTime.nullable(),
    revokedAt: IsoTime.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

export const ListApiKeysResponse = z.object({ apiKeys: z.array(ApiKey) }).meta({ id: 'ListApiKeysResponse' });
export type ListApiKeysResponse = z.infer<typeof ListApiKeysResponse>;
export const CreateApiKeyRequest = z.object({ name: z.string().trim().min(1).max(100) }).meta({ id: 'CreateApiKeyRequest' });
export const CreateApiKeyResponse = z
  .object({ apiKey: ApiKey, key: z.string().meta({ description: 'The secret: shown this once, only its hash is stored' }) })
  .meta({ id: 'CreateApiKeyResponse' });
export type CreateApiKeyResponse = z.infer<typeof CreateApiKeyResponse>;
export const ApiKeyResponse = z.object({ apiKey: ApiKey }).meta({ id: 'ApiKeyResponse' });

export const CreateMemberRequest = z
  .object({
    email: MailableEmail,
    name: z.string().trim().min(1).max(200),
    role: MemberRole,
    password: NewPassword.optional().meta({
      description:
        'Without it (the console does so) the member is invited by email: a one-time link lets them choose their own password. ' +
        "With it, the member is created at once with this first password (older clients); the member's email must then be free in every workspace.",
    }),
  })
  .meta({ id: 'CreateMemberRequest' });
export type CreateMemberRequest = z.infer<typeof CreateMemberRequest>;

/** A member created with a first password, or (without one) the invitation sent to them. */
export const CreateMemberResponse = z.union([MemberResponse, InvitationResponse]).meta({ id: 'CreateMemberResponse' });
export type CreateMemberResponse = z.infer<typeof CreateMemberResponse>;

export const UpdateMemberRequest = z
  .object({ name: z.string().trim().min(1).max(200).optional(), role: MemberRole.optional(), active: z.boolean().optional() })
  .strict()
  .meta({ id: 'UpdateMemberRequest' });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequest>;

export const MemberParams = z.object({ id: Id });
export const MembersResponse = z.object({ members: z.array(Member) }).meta({ id: 'MembersResponse' });

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed', 'skipped']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;
export const WebhookDelivery = z
  .object({
    id: z.string().meta({ description: 'The event id, the same across attempts' }),
    type: z.string(),
    status: DeliveryStatus,
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: IsoTime.nullable(),
    createdAt: IsoTime,
    deliveredAt: IsoTime.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const ListDeliveriesQuery = z
  .object({ status: DeliveryStatus.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
export const ListDeliveriesResponse = z.object({ deliveries: z.array(WebhookDelivery) }).meta({ id: 'ListDeliveriesResponse' });
export type ListDeliveriesResponse = z.infer<typeof ListDeliveriesResponse>;
export const DeliveryResponse = z.object({ delivery: WebhookDelivery }).meta({ id: 'DeliveryResponse' });
export const DeliveryParams = z.object({ id: z.string().min(1).max(200) });
