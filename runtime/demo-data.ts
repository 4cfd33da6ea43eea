import { sql } from 'kysely';
import { hashPassword, hashToken, newApiKey } from '../api/auth/secrets.ts';
import type { Db } from '../db/connect.ts';
import { insertApiKey } from '../db/api-keys.ts';
import { insertMember } from '../db/members.ts';
import { saveHandoverSettings, toPolicy } from '../db/settings.ts';
import { defaultEscalation, type HandoverPolicy } from '../domain/policy.ts';
import type { MemberRole } from '../domain/handover.ts';
import { generateHistory, type HistoryAgent } from './history/generate.ts';
import { createInsertSink, writeHistory } from './history/write.ts';

export interface DemoLogin {
  email: string;
  role: MemberRole;
  note: string;
}

export interface DemoSeed {
  /**
   * Set when this run created the key (it is shown once), or when HANDOVER_DEMO_API_KEY names it and it opens
   * workspace Demo; never a key that would answer 401.
   */
  apiKey: string | null;
  logins: DemoLogin[];
  created: boolean;
}

const demoMembers: { email: string; name: string; role: MemberRole; selected: boolean; note: string }[] = [
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', selected: false, note: 'admin' },
  { email: 'sam@demo.test', name: 'Sam Supervisor', role: 'supervisor', selected: false, note: 'supervisor' },
  { email: 'ana@demo.test', name: 'Ana Lopez', role: 'agent', selected: true, note: 'agent, handles handovers' },
  { email: 'ben@demo.test', name: 'Ben Carter', role: 'agent', selected: true, note: 'agent, handles handovers' },
  { email: 'cara@demo.test', name: 'Cara Diaz', role: 'agent', selected: false, note: 'agent, not selected for handovers' },
];

/** How much history the demo workspace starts with: enough for the Analytics page and the lists to show something. */
export const demoHistory = { handovers: 300, days: 30, messagesPerHandover: 8, containedPerHandover: 1.5 } as const;

/**
 * The demo data of docs/architecture.md, created on an empty database only: workspace Demo with its team and
 * Human Handover on, and a month of closed history (runtime/history/: handovers claimed by Ana and Ben, their
 * messages, timelines and ratings, all ended before now); and workspace Other to show that workspaces never see
 * each other. In the transaction that creates them, so a second start never adds the history again, and no start
 * leaves half of it.
 */
export async function seedDemoData(
  db: Db,
  options: { password: string; apiKey?: string | undefined; /** The month of history (on unless false). */ history?: boolean },
): Promise<DemoSeed> {
  const logins = [...demoMembers, { email: 'olga@other.test', role: 'admin' as const, note: 'admin of workspace Other' }].map(
    ({ email, role, note }) => ({ email, role, note }),
  );
  const { count } = await db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) return { apiKey: options.apiKey ? await addNamedKey(db, options.apiKey) : null, logins, created: false };

  const passwordHash = await hashPassword(options.password);
  const apiKey = options.apiKey ?? newApiKey().key;
  await db.transaction().execute(async (tx) => {
    // Two seeds racing (two processes on one empty database) must not both create the demo.
    await sql`lock table workspaces in exclusive mode`.execute(tx);
    const demo = await tx.insertInto('workspaces').values({ name: 'Demo' }).returning('id').executeTakeFirstOrThrow();
    const selected: HistoryAgent[] = [];
    for (const member of demoMembers) {
      const row = await insertMember(tx, { workspaceId: demo.id, email: member.email, name: member.name, role: member.role, passwordHash });
      if (member.selected) selected.push({ id: row.id, name: row.name });
    }
    const settings = {
      enabled: true,
      memberIds: selected.map((member) => member.id),
      returnToAi: true,
      maxConcurrentPerAgent: null,
      assigneeResponseSeconds: null,
      customerSilenceSeconds: null,
      escalation: defaultEscalation,
    };
    await saveHandoverSettings(tx, demo.id, settings);
    if (options.history !== false) await seedDemoHistory(tx, demo.id, selected, toPolicy(settings));
    await insertApiKey(tx, { workspaceId: demo.id, name: 'Demo key', prefix: apiKey.slice(0, 10), keyHash: hashToken(apiKey), createdBy: null });
    const other = await tx.insertInto('workspaces').values({ name: 'Other' }).returning('id').executeTakeFirstOrThrow();
    await insertMember(tx, { workspaceId: other.id, email: 'olga@other.test', name: 'Olga Other', role: 'admin', passwordHash });
  });
  return { apiKey, logins, created: true };
}

/**
 * The demo's past month: closed handovers only, written as the workflows would have left them (no workflow is
 * started), in conversations of their own (`history-…`), so the live demo chat's conversations are untouched.
 */
async function seedDemoHistory(tx: Db, workspaceId: string, agents: HistoryAgent[], policy: HandoverPolicy): Promise<void> {
  const to = new Date();
  const history = generateHistory({
    seed: 'demo',
    handovers: demoHistory.handovers,
    from: new Date(to.getTime() - demoHistory.days * 86_400_000),
    to,
    messagesPerHandover: demoHistory.messagesPerHandover,
    containedPerHandover: demoHistory.containedPerHandover,
    agents,
    policy,
    conversationPrefix: 'history-',
    idNamespace: workspaceId,
  });
  await writeHistory(tx, createInsertSink(tx), history, { workspaceId, policy });
}

/**
 * A key HANDOVER_DEMO_API_KEY names on a later start (the banner prints it): added to workspace Demo when
 * missing, alongside its other keys. A key revoked since stays revoked, and none is added where there is no
 * Demo; the key is then not returned, so nothing prints a key that answers 401.
 */
async function addNamedKey(db: Db, apiKey: string): Promise<string | null> {
  const demoId = await findDemoWorkspace(db);
  if (!demoId) return null;
  const keyHash = hashToken(apiKey);
  await db
    .insertInto('api_keys')
    .values({ workspace_id: demoId, name: 'Demo key (HANDOVER_DEMO_API_KEY)', prefix: apiKey.slice(0, 10), key_hash: keyHash, created_by: null })
    // Already there (named before, or two starts at once): kept as it is, revoked or not.
    .onConflict((conflict) => conflict.column('key_hash').doNothing())
    .execute();
  const key = await db.selectFrom('api_keys').select(['workspace_id', 'revoked_at']).where('key_hash', '=', keyHash).executeTakeFirstOrThrow();
  return key.workspace_id === demoId && key.revoked_at === null ? apiKey : null;
}

/** The workspace this file seeds as Demo (the oldest of that name), if this database has it. */
export async function findDemoWorkspace(db: Db): Promise<string | null> {
  const workspace = await db.selectFrom('workspaces').select('id').where('name', '=', 'Demo').orderBy('created_at').executeTakeFirst();
  return workspace?.id ?? null;
}
