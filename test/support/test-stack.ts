import { inject } from 'vitest';
import type { RateLimits } from '../../api/middleware/rate-limits.ts';
import { startStack, type StackOptions, type TestStack } from './stack.ts';

export type { TestStack } from './stack.ts';

/**
 * The real product for one test file: the API over HTTP on a free port, a worker on the file's own task
 * queue, both on the run's shared PostgreSQL and Temporal dev server unless the file brings its own.
 */
export function startTestStack(
  options: {
    databaseUrl?: string;
    temporalAddress?: string;
    withConsole?: boolean;
    rateLimits?: RateLimits;
    trustProxy?: StackOptions['trustProxy'];
    metricsToken?: string;
    streams?: StackOptions['streams'];
    allowPrivateWebhookTargets?: boolean;
    requireHttpsTargets?: boolean;
    production?: boolean;
    allowAdminSetPassword?: boolean;
    invitationEmailLimits?: StackOptions['invitationEmailLimits'];
    mounts?: StackOptions['mounts'];
    attachmentMaxBytes?: number;
    attachmentQuotaBytes?: number;
    emailSender?: StackOptions['emailSender'];
    sessionIdleSeconds?: number;
    temporalUiUrl?: string;
  } = {},
): Promise<TestStack> {
  return startStack({
    databaseUrl: options.databaseUrl ?? inject('databaseUrl'),
    temporalAddress: options.temporalAddress ?? inject('temporalAddress'),
    workflowBundlePath: inject('workflowBundlePath'),
    ...(options.withConsole ? { withConsole: true } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    ...(options.streams ? { streams: options.streams } : {}),
    ...(options.allowPrivateWebhookTargets === undefined ? {} : { allowPrivateWebhookTargets: options.allowPrivateWebhookTargets }),
    ...(options.requireHttpsTargets ? { requireHttpsTargets: true } : {}),
    ...(options.production ? { production: true } : {}),
    ...(options.allowAdminSetPassword === undefined ? {} : { allowAdminSetPassword: options.allowAdminSetPassword }),
    ...(options.invitationEmailLimits ? { invitationEmailLimits: options.invitationEmailLimits } : {}),
    ...(options.mounts ? { mounts: options.mounts } : {}),
    ...(options.attachmentMaxBytes ? { attachmentMaxBytes: options.attachmentMaxBytes } : {}),
    ...(options.attachmentQuotaBytes ? { attachmentQuotaBytes: options.attachmentQuotaBytes } : {}),
    ...(options.emailSender ? { emailSender: options.emailSender } : {}),
    ...(options.sessionIdleSeconds ? { sessionIdleSeconds: options.sessionIdleSeconds } : {}),
    ...(options.temporalUiUrl ? { temporalUiUrl: options.temporalUiUrl } : {}),
  });
}
