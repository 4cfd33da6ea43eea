import { z } from './zod.ts';
import { Id, IsoTime } from './common.ts';

export const Session = z
  .object({
    id: Id,
    createdAt: IsoTime.meta({ description: 'When the member signed in' }),
    lastSeenAt: IsoTime.meta({ description: 'When the session was last used, to the minute' }),
    expiresAt: IsoTime.meta({ description: 'When it ends whatever happens (7 days after sign-in); unused for the idle timeout, it ends sooner' }),
    userAgent: z.string().nullable().meta({ description: "The browser's User-Agent at sign-in, cut to 200 characters" }),
    clientAddress: z.string().nullable().meta({ description: 'The address it was last used from, as the API sees it (behind trusted proxies, the client)' }),
    current: z.boolean().meta({ description: 'The session of this request' }),
  })
  .meta({ id: 'Session', description: "A signed-in browser of the member's; never its token" });
export type Session = z.infer<typeof Session>;

export const SessionsResponse = z.object({ sessions: z.array(Session) }).meta({ id: 'SessionsResponse' });
export type SessionsResponse = z.infer<typeof SessionsResponse>;

export const RevokeOtherSessionsResponse = z
  .object({ sessions: z.array(Session), revoked: z.number().int().meta({ description: 'How many sessions ended' }) })
  .meta({ id: 'RevokeOtherSessionsResponse' });
export type RevokeOtherSessionsResponse = z.infer<typeof RevokeOtherSessionsResponse>;

export const SessionParams = z.object({ id: Id });
