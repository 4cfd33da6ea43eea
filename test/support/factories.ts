import { randomUUID } from 'node:crypto';
import { hashPassword, hashToken, newApiKey, type ScryptParams } from '../../api/auth/secrets.ts';
import type { Db } from '../../db/connect.ts';
import { insertApiKey } from '../../db/api-keys.ts';
import { insertMember } from '../../db/members.ts';
import { saveHandoverSettings } from '../../db/settings.ts';
import type { MemberRole } from '../../domain/handover.ts';
import { defaultEscalation, type EscalationLadder } from '../../domain/policy.ts';

export const testPassword = 'test-password';
/**
 * The password cost of the test stacks (passed to createApp, which refuses it in production): the product's
 * scrypt N = 2^17 takes ~0.4 s a hash, and the suite signs members in hundreds of times.
 */
export const testPasswordHashing: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };
// One hash serves every member a test creates.
const passwordHash = hashPassword(testPassword, testPasswordHashing);

export interface TestMember {
  id: string;
  email: string;
  name: string;
  role: MemberRole;
}

export interface TestWorkspace {
  id: string;
  apiKey: string;
  admin: TestMember;
  supervisor: TestMember;
  /** Selected for handovers. */
  ana: TestMember;
  ben: TestMember;
  /** An agent not selected for handovers. */
  cara: TestMember;
}

/** A workspace of its own for each test: unique emails, Human Handover on, with a ladder the test may shorten. */
export async function createWorkspace(
  db: Db,
  options: {
    enabled?: boolean;
    escalation?: EscalationLadder;
    returnToAi?: boolean;
    maxConcurrentPerAgent?: number | null;
    assigneeResponseSeconds?: number | null;
    customerSilenceSeconds?: number | null;
  } = {},
): Promise<TestWorkspace> {
  const tag = randomUUID().slice(0, 8);
  const workspace = await db.insertInto('workspaces').values({ name: `Test ${tag}` }).returning('id').executeTakeFirstOrThrow();
  const member = async (key: string, name: string, role: MemberRole): Promise<TestMember> => {
    const email = `${key}-${tag}@test.test`;
    const row = await insertMember(db, { workspaceId: workspace.id, email, name, role, passwordHash: await passwordHash });
    return { id: row.id, email, name, role };
  };
  const admin = await member('admin', 'Ada Admin', 'admin');
  const supervisor = await member('sam', 'Sam Supervisor', 'supervisor');
  const ana = await member('ana', 'Ana Lopez', 'agent');
  const ben = await member('ben', 'Ben Carter', 'agent');
  const cara = await member('cara', 'Cara Diaz', 'agent');
  await saveHandoverSettings(db, workspace.id, {
    enabled: options.enabled ?? true,
    memberIds: [ana.id, ben.id],
    returnToAi: options.returnToAi ?? true,
    maxConcurrentPerAgent: options.maxConcurrentPerAgent ?? null,
    assigneeResponseSeconds: options.assigneeResponseSeconds ?? null,
    customerSilenceSeconds: options.customerSilenceSeconds ?? null,
    escalation: options.escalation ?? defaultEscalation,
  });
  const { key, prefix } = newApiKey();
  await insertApiKey(db, { workspaceId: workspace.id, name: 'test', prefix, keyHash: hashToken(key), createdBy: null });
  return { id: workspace.id, apiKey: key, admin, supervisor, ana, ben, cara };
}

/** More agents selected for handovers, for races. */
export async function addHandoverAgents(db: Db, workspace: TestWorkspace, count: number): Promise<TestMember[]> {
  const agents: TestMember[] = [];
  for (let index = 0; index < count; index += 1) {
    const email = `agent${index}-${randomUUID().slice(0, 8)}@test.test`;
    const row = await insertMember(db, { workspaceId: workspace.id, email, name: `Agent ${index}`, role: 'agent', passwordHash: await passwordHash });
    await db.insertInto('handover_members').values({ workspace_id: workspace.id, member_id: row.id }).execute();
    agents.push({ id: row.id, email, name: `Agent ${index}`, role: 'agent' });
  }
  return agents;
}
