import { z } from './zod.ts';
import { TimeZoneName } from './analytics.ts';
import { WORKSPACE_NAME_MAX } from '../workspaces.ts';

/** The name members see for their workspace (in account emails, on the invitation page). */
export const WorkspaceName = z
  .string()
  .trim()
  .min(1, 'Enter a name for the workspace')
  .max(WORKSPACE_NAME_MAX, `Enter at most ${WORKSPACE_NAME_MAX} characters`)
  .meta({ description: `The workspace's name, 1 to ${WORKSPACE_NAME_MAX} characters (trimmed)`, example: 'Acme Support' });

export const WorkspaceSettings = z
  .object({
    name: z.string(),
    timeZone: z.string().meta({ description: "IANA name; analytics count local days in it unless a request names another (`tz`)", example: 'Europe/Paris' }),
  })
  .meta({ id: 'WorkspaceSettings' });
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

export const WorkspaceSettingsResponse = z.object({ workspace: WorkspaceSettings }).meta({ id: 'WorkspaceSettingsResponse' });
export type WorkspaceSettingsResponse = z.infer<typeof WorkspaceSettingsResponse>;

/** PUT /settings/workspace: what to change; the time zone is stored under its canonical name ("europe/paris" → "Europe/Paris"). */
export const SaveWorkspaceSettingsRequest = z
  .object({ name: WorkspaceName.optional(), timeZone: TimeZoneName.optional() })
  .strict()
  .refine((request) => request.name !== undefined || request.timeZone !== undefined, { message: 'Send a name, a timeZone, or both' })
  .meta({ id: 'SaveWorkspaceSettingsRequest' });
export type SaveWorkspaceSettingsRequest = z.infer<typeof SaveWorkspaceSettingsRequest>;
