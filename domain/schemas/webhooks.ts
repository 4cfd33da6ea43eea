import { z } from 'zod';

/** `whsec_` + base64 of 24 to 64 bytes, as the Standard Webhooks scheme keys its HMAC. */
export const WebhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64')
  .refine((secret) => {
    // atob rather than Buffer: the console imports these schemas in the browser too.
    const bytes = atob(secret.slice('whsec_'.length)).length;
    return bytes >= 24 && bytes <= 64;
  }, 'must encode 24 to 64 bytes');

export const WebhookSettingsRequest = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    secret: WebhookSecret.optional().meta({ description: 'Omit to have one generated and returned once' }),
  })
  .meta({ id: 'WebhookSettingsRequest' });
export type WebhookSettingsRequest = z.infer<typeof WebhookSettingsRequest>;

export const WebhookSettingsResponse = z
  .object({ url: z.string(), secret: z.string().optional().meta({ description: 'Only when generated: shown once' }) })
  .meta({ id: 'WebhookSettingsResponse' });
