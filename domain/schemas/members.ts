import { z } from './zod.ts';
import { memberRoles } from '../handover.ts';
import { Id } from './common.ts';

export const MemberRole = z.enum(memberRoles);

export const Member = z
  .object({
    id: Id,
    workspaceId: Id,
    email: z.string(),
    name: z.string(),
    role: MemberRole,
    active: z.boolean(),
    isHandoverMember: z.boolean().meta({ description: 'Selected in the Human Handover settings' }),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const LoginRequest = z
  .object({ email: z.string().trim().toLowerCase().email().max(320), password: z.string().min(1).max(200) })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const MemberResponse = z.object({ member: Member }).meta({ id: 'MemberResponse' });
export type MemberResponse = z.infer<typeof MemberResponse>;
