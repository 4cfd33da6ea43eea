import { z } from './zod.ts';

const base64Character = '[A-Za-z0-9+/]';
/**
 * `whsec_` + base64 of 24 to 64 bytes: 32 to 86 characters (a length of 4n + 1 is not base64), padded or not.
 * Spelled out as a pattern so the document says which secrets are taken; the check below says the same.
 */
const secretPattern = new RegExp(
  `^whsec_(?:(?:${base64Character}{4}){8,20}(?:${base64Character}{2,3}|${base64Character}{2}==|${base64Character}{3}=)?` +
    `|(?:${base64Character}{4}){21}(?:${base64Character}{2}(?:==)?)?)$`,
);

/** `whsec_` + base64 of 24 to 64 bytes, as the Standard Webhooks scheme keys its HMAC. */
export const WebhookSecret = z
  .string()
  .regex(secretPattern, 'must be whsec_ followed by base64 of 24 to 64 bytes')
  .refine((secret) => {
    const bytes = decodedLength(secret.slice('whsec_'.length));
    return bytes !== null && bytes >= 24 && bytes <= 64;
  }, 'must be base64 of 24 to 64 bytes');

export const WebhookSettingsRequest = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    secret: WebhookSecret.optional().meta({
      description:
        'Omit to keep the current secret (the first save generates one and returns it once). A different secret replaces ' +
        'the current one, which keeps signing deliveries beside it for 24 hours.',
    }),
  })
  .meta({ id: 'WebhookSettingsRequest' });
export type WebhookSettingsRequest = z.infer<typeof WebhookSettingsRequest>;

export const WebhookSettingsResponse = z
  .object({ url: z.string(), secret: z.string().optional().meta({ description: 'Only when generated: shown once' }) })
  .meta({ id: 'WebhookSettingsResponse' });
export type WebhookSettingsResponse = z.infer<typeof WebhookSettingsResponse>;

export const WebhookEndpoint = z
  .object({
    url: z.string(),
    previousSecretExpiresAt: z
      .string()
      .nullable()
      .meta({ description: 'Until when secrets replaced by a rotation also sign deliveries (each for 24 hours after it was replaced; this is the last of them); null when only the current one does' }),
    disabledAt: z.string().nullable(),
    disabledReason: z.string().nullable(),
  })
  .meta({ id: 'WebhookEndpoint', description: 'The secret is never shown again' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookSecretRotation = z
  .object({
    secret: z.string().meta({ description: 'The new signing secret: shown once' }),
    previousSecretExpiresAt: z.string().meta({ description: 'Until when the secret just replaced also signs deliveries (secrets replaced before it keep their own 24 hours)' }),
  })
  .meta({ id: 'WebhookSecretRotation' });
export type WebhookSecretRotation = z.infer<typeof WebhookSecretRotation>;

export const WebhookEndpointResponse = z.object({ webhook: WebhookEndpoint.nullable() }).meta({ id: 'WebhookEndpointResponse' });
export type WebhookEndpointResponse = z.infer<typeof WebhookEndpointResponse>;

/** The byte length base64 text decodes to, or null when it is not base64 (atob throws on bad padding). */
function decodedLength(base64: string): number | null {
  try {
    // atob rather than Buffer: the console imports these schemas in the browser too.
    return atob(base64).length;
  } catch {
    return null;
  }
}
