// Every migration, in order. A static list (not a folder scan) so bundlers, tsx and vitest all load them alike.
import type { Migration } from 'kysely';
import * as m0001 from './0001_workspaces_and_members.ts';
import * as m0002 from './0002_handover_settings_and_webhooks.ts';
import * as m0003 from './0003_conversations_and_handovers.ts';
import * as m0004 from './0004_handover_revision.ts';
import * as m0005 from './0005_webhook_secret_rotation.ts';
import * as m0006 from './0006_canned_replies.ts';
import * as m0007 from './0007_handover_reads.ts';
import * as m0008 from './0008_customer_context.ts';
import * as m0009 from './0009_search.ts';
import * as m0010 from './0010_attachments.ts';
import * as m0011 from './0011_notifications.ts';
import * as m0012 from './0012_invitations_and_password_resets.ts';
import * as m0013 from './0013_sessions_and_two_factor.ts';
import * as m0014 from './0014_handover_words.ts';
import * as m0015 from './0015_analytics_time_zone_and_requeues.ts';
import * as m0016 from './0016_analytics_rollups.ts';
import * as m0017 from './0017_capacity_reservations.ts';
import * as m0018 from './0018_webhook_previous_secrets.ts';
import * as m0019 from './0019_attachments_workspace_size.ts';
import * as m0020 from './0020_webhook_first_attempt.ts';
import * as m0021 from './0021_phrase_filters.ts';
import * as m0022 from './0022_phrase_pairs.ts';
import * as m0023 from './0023_handover_phrase_pairs.ts';
import * as m0024 from './0024_webhook_pending_by_handover.ts';

/** A migration that exports `transactional = false` runs outside a transaction (db/migrate.ts). */
export type HandoverMigration = Migration & { readonly transactional?: false };

export const migrations: Record<string, HandoverMigration> = {
  '0001_workspaces_and_members': m0001,
  '0002_handover_settings_and_webhooks': m0002,
  '0003_conversations_and_handovers': m0003,
  '0004_handover_revision': m0004,
  '0005_webhook_secret_rotation': m0005,
  '0006_canned_replies': m0006,
  '0007_handover_reads': m0007,
  '0008_customer_context': m0008,
  '0009_search': m0009,
  '0010_attachments': m0010,
  '0011_notifications': m0011,
  '0012_invitations_and_password_resets': m0012,
  '0013_sessions_and_two_factor': m0013,
  '0014_handover_words': m0014,
  '0015_analytics_time_zone_and_requeues': m0015,
  '0016_analytics_rollups': m0016,
  '0017_capacity_reservations': m0017,
  '0018_webhook_previous_secrets': m0018,
  '0019_attachments_workspace_size': m0019,
  '0020_webhook_first_attempt': m0020,
  '0021_phrase_filters': m0021,
  '0022_phrase_pairs': m0022,
  '0023_handover_phrase_pairs': m0023,
  '0024_webhook_pending_by_handover': m0024,
};
