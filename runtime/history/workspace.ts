// The workspace a generated history goes into: an existing one (its handover team claims, under its policy), or
// a new one with an admin, a supervisor and a team of agents whose settings remind a silent assignee (so the
// history can hold requeues).
import { hashPassword } from '../../api/auth/secrets.ts';
import type { Db } from '../../db/connect.ts';
import { insertMember } from '../../db/members.ts';
import { getHandoverSettings, saveHandoverSettings, toPolicy } from '../../db/settings.ts';
import { defaultEscalation, type HandoverPolicy } from '../../domain/policy.ts';
import type { HistoryAgent } from './generate.ts';

export interface HistoryWorkspace {
  workspaceId: string;
  agents: HistoryAgent[];
  policy: HandoverPolicy;
  /** Set when this call created the workspace: who can sign in to look at it. */
  admin: { email: string } | null;
}

const agentNames = [
  'Maya Chen', 'Leo Martins', 'Sara Ali', 'Tom Becker', 'Nora Fischer', 'Ravi Patel', 'Julia Novak', 'Omar Haddad', 'Lucia Romero',
  'Kenji Sato', 'Emma Wilson', 'Felix Wagner', 'Amara Obi', 'Jonas Berg', 'Ines Duarte', 'Hugo Lambert',
];

/** The workspace of this name (the oldest), or a new one with `agentCount` agents; members sign in with `password`. */
export async function prepareHistoryWorkspace(db: Db, options: { name: string; agentCount: number; password: string }): Promise<HistoryWorkspace> {
  const existing = await db.selectFrom('workspaces').select('id').where('name', '=', options.name).orderBy('created_at').executeTakeFirst();
  if (existing) return existingWorkspace(db, existing.id);

  const passwordHash = await hashPassword(options.password);
  return db.transaction().execute(async (tx) => {
    const workspace = await tx.insertInto('workspaces').values({ name: options.name }).returning('id').executeTakeFirstOrThrow();
    // Emails are unique across workspaces: the workspace's id keeps these apart from any earlier run's.
    const domain = `${slug(options.name)}-${workspace.id.slice(0, 6)}.test`;
    const member = (name: string, role: 'admin' | 'supervisor' | 'agent') =>
      insertMember(tx, { workspaceId: workspace.id, email: `${slug(name)}@${domain}`, name, role, passwordHash });
    const admin = await member('Ada Admin', 'admin');
    await member('Sam Supervisor', 'supervisor');
    const agents: HistoryAgent[] = [];
    for (let index = 0; index < options.agentCount; index += 1) {
      const base = agentNames[index % agentNames.length] as string;
      const name = index < agentNames.length ? base : `${base} ${Math.floor(index / agentNames.length) + 1}`;
      const row = await member(name, 'agent');
      agents.push({ id: row.id, name: row.name });
    }
    const settings = {
      enabled: true,
      memberIds: agents.map((agent) => agent.id),
      returnToAi: true,
      maxConcurrentPerAgent: null,
      assigneeResponseSeconds: 600,
      customerSilenceSeconds: null,
      escalation: defaultEscalation,
    };
    await saveHandoverSettings(tx, workspace.id, settings);
    return { workspaceId: workspace.id, agents, policy: toPolicy(settings), admin: { email: admin.email } };
  });
}

/** Its handover team claims (every active member when it has none), under the policy its settings give now. */
async function existingWorkspace(db: Db, workspaceId: string): Promise<HistoryWorkspace> {
  const settings = await getHandoverSettings(db, workspaceId);
  const members = await db
    .selectFrom('members')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('active', '=', true)
    .orderBy('created_at')
    .execute();
  const team = members.filter((member) => settings.memberIds.includes(member.id));
  const agents = team.length > 0 ? team : members;
  if (agents.length === 0) throw new Error('The workspace has no active member to claim handovers');
  return { workspaceId, agents, policy: toPolicy(settings), admin: null };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workspace';
}
