import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { HandoverStatus, MemberRole, Outcome, Sender, Trigger } from '../domain/handover.ts';
import type { NotificationChannel, NotificationDeliveryStatus } from '../domain/notifications.ts';
import type { EscalationLadder, HandoverPolicy, NotifyAudience } from '../domain/policy.ts';
import type { Customer } from '../domain/schemas/handovers.ts';
import type { PreviousSecret } from '../domain/webhook-secrets.ts';

/** The schema as Kysely sees it; rows never leave db/ (each becomes a domain object in one toXxx). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
/** A column the database fills when it is left out (a default). */
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  /** Every member must sign in with a second factor; one without it may only enrol. */
  require_two_factor: Generated<boolean>;
  /** IANA name; analytics count days in it. */
  time_zone: Generated<string>;
  /** When the analytics rollups came to hold all of its history (null: still being built; read the handovers). */
  analytics_ready_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export interface MembersTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  name: string;
  role: MemberRole;
  password_hash: string;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  /** How the API names the session (the token hash never leaves the server). */
  id: Generated<string>;
  member_id: string;
  workspace_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Updated at most once a minute: the idle timeout counts from it. */
  last_seen_at: Timestamp;
  user_agent: string | null;
  client_address: string | null;
}

export interface TwoFactorTable {
  member_id: string;
  workspace_id: string;
  /** The TOTP secret (base32); never returned once enrolment is confirmed, never logged. */
  secret: string;
  /** Null while enrolment waits for the member to confirm a code. */
  enabled_at: NullableTimestamp;
  /** The TOTP time step of the last code accepted; a code of that step or earlier is refused (replay). */
  last_used_step: ColumnType<string | null, number | null | undefined, number | null>;
  created_at: Timestamp;
}

export interface TwoFactorRecoveryCodesTable {
  id: Generated<string>;
  member_id: string;
  workspace_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface TwoFactorChallengesTable {
  token_hash: string;
  member_id: string;
  workspace_id: string;
  failed_attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface HandoverSettingsTable {
  workspace_id: string;
  enabled: boolean;
  return_to_ai: boolean;
  max_concurrent_per_agent: number | null;
  assignee_response_seconds: number | null;
  customer_silence_seconds: number | null;
  escalation: Json<EscalationLadder>;
  updated_at: Timestamp;
}

export interface HandoverMembersTable {
  workspace_id: string;
  member_id: string;
}

export interface WebhookEndpointsTable {
  workspace_id: string;
  url: string;
  secret: string;
  /** The secrets replaced within their grace, newest first: each signs too until its `expiresAt`. */
  previous_secrets: JsonWithDefault<PreviousSecret[]>;
  disabled_at: NullableTimestamp;
  disabled_reason: string | null;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  workspace_id: string;
  type: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'pending' | 'delivered' | 'failed' | 'skipped'>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: NullableTimestamp;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
  /** Until when a first attempt holds the event (migrations/0020_webhook_first_attempt.ts). */
  first_attempt_until: NullableTimestamp;
}

export interface ConversationsTable {
  id: Generated<string>;
  workspace_id: string;
  external_id: string;
  customer: Json<Customer>;
  ai_paused: Generated<boolean>;
  closed_at: NullableTimestamp;
  last_seq: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HandoversTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  status: HandoverStatus;
  trigger: Trigger;
  reason: string;
  customer: Json<Customer>;
  metadata: Json<Record<string, unknown>>;
  policy: Json<HandoverPolicy>;
  assignee_id: string | null;
  escalation_level: Generated<number>;
  requested_at: Timestamp;
  claimed_at: NullableTimestamp;
  first_response_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  outcome: Outcome | null;
  ai_resumed: boolean | null;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: NullableTimestamp;
  transfers: Generated<number>;
  /** Times the assignee stayed silent and it went back to the queue. */
  requeues: Generated<number>;
  /** The workflow's number of the state change this row shows; writes of older changes are ignored. */
  revision: ColumnType<string, number | undefined, number>;
  /** The distinct words search finds it by (a stripped tsvector, as text): db/handover-words.ts. */
  words: Generated<string>;
}

/** Analytics rollups (migrations/0016_analytics_rollups.ts): kept by triggers, read by db/analytics-rollups.ts. */
export interface AnalyticsHoursTable {
  workspace_id: string;
  /** The UTC hour (analytics_hours) or day (analytics_days) the row counts. */
  start: Timestamp;
  /** The assignee, or who claimed or transferred; the nil id for no one. */
  member_id: string;
  conversations: number;
  handovers: number;
  completed: number;
  missed: number;
  abandoned: number;
  timed_out: number;
  escalated: number;
  requeued: number;
  requeues: number;
  rated: number;
  rating_sum: number;
  satisfied: number;
  wait_count: number;
  wait_us: string;
  first_response_count: number;
  first_response_us: string;
  resolution_count: number;
  resolution_us: string;
  user_request: number;
  ai_escalation: number;
  keyword: number;
  sentiment: number;
  other: number;
  claims: number;
  transfers_out: number;
}

export interface AnalyticsReasonsTable {
  workspace_id: string;
  /** 1: the row counts the hour from start; 24: the UTC day. */
  span: number;
  start: Timestamp;
  member_id: string;
  reason: string;
  handovers: number;
}

export interface AnalyticsSketchesTable {
  workspace_id: string;
  span: number;
  start: string;
  member_id: string;
  /** 1 wait, 2 first response, 3 resolution. */
  metric: number;
  /** bins[i] (domain/analytics-sketch.ts) holds counts[i] durations. */
  bins: number[];
  counts: number[];
}

export interface MessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  handover_id: string | null;
  seq: number;
  sender: Sender;
  author_id: string | null;
  author_name: string | null;
  body: string;
  client_message_id: string | null;
  /** A copy of the metadata of the files sent with the message (the files themselves: the attachments table). */
  attachments: ColumnType<StoredAttachment[], string | undefined, string>;
  created_at: Timestamp;
}

/** An attachment as a message keeps it: what the message shows, without where the bytes are stored. */
export interface StoredAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export interface AttachmentsTable {
  id: string;
  workspace_id: string;
  name: string;
  content_type: string;
  size: number;
  storage_key: string;
  uploaded_by_api_key_id: string | null;
  uploaded_by_member_id: string | null;
  message_id: string | null;
  created_at: Timestamp;
}

export interface InternalNotesTable {
  id: Generated<string>;
  workspace_id: string;
  handover_id: string;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: Timestamp;
}

export interface HandoverEventsTable {
  id: Generated<string>;
  workspace_id: string;
  handover_id: string;
  type: string;
  actor_id: string | null;
  actor_name: string | null;
  data: Json<Record<string, unknown>>;
  at: Timestamp;
  dedupe_key: string;
}

export interface LiveEventsTable {
  id: Generated<string>;
  workspace_id: string;
  type: string;
  handover_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface CannedRepliesTable {
  id: Generated<string>;
  workspace_id: string;
  title: string;
  text: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HandoverReadsTable {
  workspace_id: string;
  handover_id: string;
  member_id: string;
  read_seq: number;
  read_at: Generated<Timestamp>;
}

export interface NotificationPreferencesTable {
  member_id: string;
  workspace_id: string;
  email: boolean;
  updated_at: Timestamp;
}

export interface PushSubscriptionsTable {
  id: Generated<string>;
  workspace_id: string;
  member_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Timestamp;
}

export interface CapacityReservationsTable {
  workspace_id: string;
  member_id: string;
  handover_id: string;
  kind: 'claim' | 'transfer';
  expires_at: Timestamp;
}

export interface SlackWebhooksTable {
  workspace_id: string;
  url: string;
  updated_at: Timestamp;
}

export interface VapidKeysTable {
  id: number;
  public_key: string;
  private_key: string;
  created_at: Timestamp;
}

export interface NotificationDeliveriesTable {
  id: string;
  workspace_id: string;
  handover_id: string;
  level: number;
  audience: NotifyAudience;
  channel: NotificationChannel;
  member_id: string | null;
  status: Generated<NotificationDeliveryStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  pushed_to: Generated<string[]>;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

/** An invitation by one-time link; the member row is made when it is accepted. */
export interface InvitationsTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  name: string;
  role: MemberRole;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  sent_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  member_id: string | null;
  revoked_at: NullableTimestamp;
}

export interface PasswordResetsTable {
  token_hash: string;
  member_id: string;
  workspace_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** A Bloom filter of the adjacent word pairs of a conversation's messages (migrations/0021_phrase_filters.ts). */
export interface ConversationPhraseFiltersTable {
  conversation_id: string;
  /** 2,048 characters of 0 and 1, as pg returns a bit string. */
  bits: string;
}

/** A workspace whose stored messages are not all in its phrase filters yet, and the conversation id the fill reached. */
export interface PhraseFilterBackfillsTable {
  workspace_id: string;
  after: string | null;
}

/** The hashes of the adjacent word pairs of one write of a conversation (migrations/0022_phrase_pairs.ts). */
export interface PhrasePairSetsTable {
  conversation_id: string;
  pairs: number[];
}

/** A workspace whose stored messages and handovers are not all in phrase_pair_sets yet, and the conversation the fill reached. */
export interface PhrasePairSetBackfillsTable {
  workspace_id: string;
  after: string | null;
}

export interface Database {
  workspaces: WorkspacesTable;
  members: MembersTable;
  sessions: SessionsTable;
  two_factor: TwoFactorTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  two_factor_challenges: TwoFactorChallengesTable;
  api_keys: ApiKeysTable;
  handover_settings: HandoverSettingsTable;
  handover_members: HandoverMembersTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  conversations: ConversationsTable;
  handovers: HandoversTable;
  analytics_hours: AnalyticsHoursTable;
  analytics_days: AnalyticsHoursTable;
  analytics_reasons: AnalyticsReasonsTable;
  analytics_sketches: AnalyticsSketchesTable;
  messages: MessagesTable;
  internal_notes: InternalNotesTable;
  handover_events: HandoverEventsTable;
  live_events: LiveEventsTable;
  canned_replies: CannedRepliesTable;
  handover_reads: HandoverReadsTable;
  attachments: AttachmentsTable;
  notification_preferences: NotificationPreferencesTable;
  push_subscriptions: PushSubscriptionsTable;
  capacity_reservations: CapacityReservationsTable;
  slack_webhooks: SlackWebhooksTable;
  vapid_keys: VapidKeysTable;
  notification_deliveries: NotificationDeliveriesTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  conversation_phrase_filters: ConversationPhraseFiltersTable;
  phrase_filter_backfills: PhraseFilterBackfillsTable;
  phrase_pair_sets: PhrasePairSetsTable;
  phrase_pair_set_backfills: PhrasePairSetBackfillsTable;
}

export type MemberRow = Selectable<MembersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type HandoverRow = Omit<Selectable<HandoversTable>, 'words'>;
export type NewHandover = Insertable<HandoversTable>;
export type HandoverUpdate = Updateable<HandoversTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type SettingsRow = Selectable<HandoverSettingsTable>;
