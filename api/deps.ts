import type { WorkflowReadLimits } from './handover-workflow.ts';
import type { InvitationEmailLimits } from './invitations.ts';
import type { Client } from '@temporalio/client';
import type { RequestHandler } from 'express';
import type { Db } from '../db/connect.ts';
import type { AttachmentStore } from '../platform/attachment-store.ts';
import type { EmailSender } from '../platform/email.ts';
import type { Logger } from '../platform/logger.ts';
import type { ScryptParams } from './auth/secrets.ts';
import type { LiveEventHub } from './live-event-hub.ts';
import type { RateLimits } from './middleware/rate-limits.ts';
import type { StreamLimits } from './routes/stream.ts';

/** What the API is built from; tests pass the real parts. */
export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  liveEvents: LiveEventHub;
  /** The public origin of the console, for the CSRF check; the request's own host when unset. */
  publicUrl?: string;
  /** Serves the console (SvelteKit's handler) after the API routes, when built. */
  consoleHandler?: RequestHandler;
  /** Other apps served on this origin before the console, by path (npm start mounts the demo's AI bot). */
  mounts?: { path: string; handler: RequestHandler }[];
  production: boolean;
  /** Development allows webhook URLs on loopback and private addresses; production refuses them (SSRF). */
  allowPrivateWebhookTargets?: boolean;
  /** Webhook, Slack and push targets must be https (production, unless WEBHOOK_ALLOW_HTTP). */
  requireHttpsTargets?: boolean;
  /**
   * POST /members with a `password` creates the member at once (older clients). It tells the admin whether an address
   * has an account in another workspace (409), so it is off unless set (ALLOW_ADMIN_SET_PASSWORD; on in development).
   */
  allowAdminSetPassword?: boolean;
  /** How often members may view a handover's workflow, and how many Temporal reads at once (api/handover-workflow.ts). */
  workflowReadLimits?: WorkflowReadLimits;
  /** How often admins may email invitations (api/invitations.ts); the defaults suit production. */
  invitationEmailLimits?: InvitationEmailLimits;
  /** Per-caller request limits; the defaults suit production. */
  rateLimits?: RateLimits;
  /** How often open streams re-check their listener, and how many may be open; the defaults suit production. */
  streams?: Partial<StreamLimits>;
  /** The bearer token /metrics wants (METRICS_TOKEN); without one, /metrics is open in development and off in production. */
  metricsToken?: string;
  /** Express's `trust proxy`: a hop count, or addresses and CIDR ranges; loopback when unset (TRUST_PROXY). */
  trustProxy?: number | string;
  /** A session unused this long is refused and deleted (SESSION_IDLE_TIMEOUT); 12 hours when unset. */
  sessionIdleSeconds?: number;
  /**
   * Tests only: a cheaper scrypt cost for new password hashes, so that suites which sign many members in stay fast.
   * createApp refuses anything cheaper than the product's own cost in production.
   */
  passwordHashing?: ScryptParams;
  /**
   * The Temporal Web UI's address (TEMPORAL_UI_URL), for the operators' link of a handover's workflow view; no link
   * when unset. The UI itself has no login: reachable only where operators set it up.
   */
  temporalUiUrl?: string;
  /** Where uploaded files are kept, and the largest one taken, in bytes. */
  /** `quotaBytes`: what one workspace's files may take together; null for no limit. */
  attachments: { store: AttachmentStore; maxBytes: number; quotaBytes: number | null };
  /**
   * How account emails (invitations, password resets) leave, and the console's public address their links open
   * (PUBLIC_URL; never the request's Host, which a client chooses). The log and http://localhost:3000 when unset.
   */
  accountEmails?: { sender: EmailSender; consoleUrl: string };
}
