import type { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { MemberRole } from '../domain/handover.ts';
import type { Member } from '../domain/schemas/members.ts';
import type { ApiDeps } from './deps.ts';
import type { ApiMetrics } from './metrics.ts';
import type { SignInAttempts } from './middleware/sign-in-delays.ts';

/** `apiKeyOrMember`: an AI service's key when the request sends one, else a member's session. */
export type Auth = 'none' | 'apiKey' | 'member' | 'apiKeyOrMember';

type ApiKeyCaller = { workspaceId: string; apiKeyId: string };
type MemberCaller = {
  workspaceId: string;
  member: Member;
  /** The session of this request; `mustEnrolTwoFactor` when the workspace requires a second factor the member lacks. */
  session: { id: string; mustEnrolTwoFactor: boolean };
};

/** Who is calling, as the auth middleware established it. */
export type Caller<A extends Auth> = A extends 'apiKey'
  ? ApiKeyCaller
  : A extends 'member'
    ? MemberCaller
    : A extends 'apiKeyOrMember'
      ? ApiKeyCaller | MemberCaller
      : Record<string, never>;

export interface HandlerContext<A extends Auth, P, Q, B> {
  deps: ApiDeps;
  caller: Caller<A>;
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
  metrics: ApiMetrics;
  /** Counts a check of a credential (a second factor, a password given again) against the sign-in limits. */
  signIn: SignInAttempts;
}

/** A handler answers with its route's success status, or picks another with `reply`. */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

export function reply<T>(status: number, body: T): Reply<T> {
  return new Reply(status, body);
}

/** A handler's answer that is a file, not JSON: its bytes with the headers that say how to treat them. */
export class FileReply {
  constructor(
    readonly body: Readable,
    readonly headers: Record<string, string>,
  ) {}
}

export interface RouteDefinition<
  A extends Auth = Auth,
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path below /api/v1, e.g. `/handovers/:id/claim`. */
  path: string;
  auth: A;
  roles?: MemberRole[];
  /**
   * Open to a member whose workspace requires two-factor before they enrolled: who they are, signing out, enrolling,
   * their own sessions. Every other member route answers them 403 two_factor_enrolment_required.
   */
  beforeTwoFactorEnrolment?: boolean;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The body is a file, not JSON: read as bytes (up to the attachment limit) into a Buffer, of these types. */
  rawBody?: { contentTypes: string[] };
  /** The answer is a file of these types, not JSON (the handler returns a FileReply). */
  fileResponse?: { contentTypes: string[]; description: string };
  status: number;
  response: R;
  /** Other answers this route gives, by status, for the document (the envelope is implied). */
  errors?: number[];
  handler: (
    context: HandlerContext<A, z.infer<P>, z.infer<Q>, z.infer<B>>,
  ) => Promise<z.input<R> | Reply<z.input<R>> | FileReply> | z.input<R> | Reply<z.input<R>> | FileReply;
}

/** One declaration per route mounts the handler and describes it for OpenAPI, so the two cannot drift. */
export function route<A extends Auth, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  definition: RouteDefinition<A, P, Q, B, R>,
): RouteDefinition {
  return definition as unknown as RouteDefinition;
}
