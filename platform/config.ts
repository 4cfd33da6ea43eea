import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { AttachmentStoreOptions } from './attachment-store.ts';

/** Every setting the processes read, from the environment, validated in one place. */
const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const port = z.coerce.number().int().min(1).max(65535);

const durationUnits = { s: 1, m: 60, h: 3600, d: 86400 } as const;
/** A duration in seconds: a number of seconds, or a number with s, m, h or d ("12h"). */
const duration = z
  .string()
  .trim()
  .regex(/^\d{1,7}\s*[smhd]?$/i, 'must be a number of seconds, or a number with s, m, h or d (12h)')
  .transform((value) => {
    const unit = value.at(-1)!.toLowerCase();
    return unit in durationUnits ? Number.parseInt(value, 10) * durationUnits[unit as keyof typeof durationUnits] : Number(value);
  });

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  /** Where the API and console listen: see loadConfig for the default. */
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  EMBEDDED_PG_PORT: port.default(54329),
  DATA_DIR: z.string().min(1).default('.data'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('handover'),
  TEMPORAL_CLI: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** Where operators reach the Temporal Web UI: the console's workflow view links there (for operators only). */
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/ }).optional(),
  HANDOVER_DEMO: booleanFlag.optional(),
  HANDOVER_DEMO_PASSWORD: z.string().min(8).default('demo-password'),
  HANDOVER_DEMO_API_KEY: z.string().min(20).optional(),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanFlag.optional(),
  WEBHOOK_ALLOW_HTTP: booleanFlag.optional(),
  ALLOW_ADMIN_SET_PASSWORD: booleanFlag.optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  METRICS_TOKEN: z.string().min(16).optional(),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  LOGIN_FAILURES_PER_15_MINUTES: z.coerce.number().int().min(1).default(10),
  LOGIN_FAILURES_PER_ADDRESS_PER_15_MINUTES: z.coerce.number().int().min(1).optional(),
  // A session unused this long ends, besides ending 7 days after sign-in whatever happens: from a minute to those 7 days.
  SESSION_IDLE_TIMEOUT: duration
    .default(12 * 3600)
    .pipe(z.number().min(60, 'must be at least a minute (60)').max(7 * 86400, 'must be at most 7 days, how long a session lasts anyway')),
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .refine(isTrustProxy, 'Give a number of proxy hops, or addresses and CIDR ranges separated by commas (loopback, linklocal and uniquelocal name theirs)')
    .transform((value) => (/^\d+$/.test(value) ? Number(value) : value)),
  // Attachments: 10 MiB by default; PostgreSQL's integer column and a request in memory bound it at 100 MiB.
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  // What one workspace's files may take together; 0 (the default) for no limit. Files sent with messages are kept.
  ATTACHMENT_QUOTA_BYTES: z.coerce.number().int().min(0).default(0),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  ATTACHMENTS_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  ATTACHMENTS_S3_BUCKET: z.string().min(3).max(63).optional(),
  ATTACHMENTS_S3_REGION: z.string().min(1).default('us-east-1'),
  ATTACHMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  ATTACHMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  ATTACHMENTS_S3_PREFIX: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  EMAIL_FROM: z.string().min(3).default('Handover <handover@localhost>'),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: address or an https:// URL')
    .default('mailto:handover@localhost'),
});

/** What Express's `trust proxy` takes, short of `true` (which would let any client name its own address). */
function isTrustProxy(value: string): boolean {
  if (/^\d+$/.test(value)) return true;
  return value.split(',').every((part) => {
    const entry = part.trim();
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
}

export type Config = Omit<z.infer<typeof ConfigSchema>, 'HOST'> & {
  HOST: string;
  /** Demo data is seeded unless turned off or in production. */
  demo: boolean;
  allowPrivateWebhookTargets: boolean;
  /** Webhook, Slack and push targets must be https: in production, unless WEBHOOK_ALLOW_HTTP. */
  requireHttpsTargets: boolean;
  /** Admins may create a member with a first password (POST /members with `password`): in development, or ALLOW_ADMIN_SET_PASSWORD. */
  allowAdminSetPassword: boolean;
  /** Where attachments' bytes are kept: S3 when its variables are set, else a folder of the data directory. */
  attachmentStore: AttachmentStoreOptions;
  /** Where notifications link to: PUBLIC_URL, else the console on this machine. */
  consoleUrl: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const production = config.NODE_ENV === 'production';
  if (Boolean(config.TEMPORAL_TLS_CERT_PATH) !== Boolean(config.TEMPORAL_TLS_KEY_PATH)) {
    throw new ConfigError('Invalid configuration:\n  TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
  }
  const s3 = [config.ATTACHMENTS_S3_ENDPOINT, config.ATTACHMENTS_S3_BUCKET, config.ATTACHMENTS_S3_ACCESS_KEY_ID, config.ATTACHMENTS_S3_SECRET_ACCESS_KEY];
  if (s3.some(Boolean) && !s3.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration:\n  ATTACHMENTS_S3_ENDPOINT, ATTACHMENTS_S3_BUCKET, ATTACHMENTS_S3_ACCESS_KEY_ID and ATTACHMENTS_S3_SECRET_ACCESS_KEY must be set together',
    );
  }
  const demo = config.HANDOVER_DEMO ?? !production;
  return {
    ...config,
    // The demo's members have a published password: with it on, only this machine may reach the console.
    HOST: config.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0'),
    attachmentStore: config.ATTACHMENTS_S3_BUCKET
      ? {
          kind: 's3',
          endpoint: config.ATTACHMENTS_S3_ENDPOINT!,
          bucket: config.ATTACHMENTS_S3_BUCKET,
          region: config.ATTACHMENTS_S3_REGION,
          accessKeyId: config.ATTACHMENTS_S3_ACCESS_KEY_ID!,
          secretAccessKey: config.ATTACHMENTS_S3_SECRET_ACCESS_KEY!,
          ...(config.ATTACHMENTS_S3_PREFIX ? { prefix: config.ATTACHMENTS_S3_PREFIX } : {}),
        }
      : { kind: 'local', directory: config.ATTACHMENTS_DIR ?? path.join(config.DATA_DIR, 'attachments') },
    demo,
    allowPrivateWebhookTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? !production,
    requireHttpsTargets: production && !(config.WEBHOOK_ALLOW_HTTP ?? false),
    allowAdminSetPassword: config.ALLOW_ADMIN_SET_PASSWORD ?? !production,
    consoleUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
  };
}
