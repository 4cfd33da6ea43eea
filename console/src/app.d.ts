// See https://svelte.dev/docs/kit/types#app.d.ts
import type { ErrorCode } from '$domain/errors.ts';
import type { Member } from '$domain/schemas/index.ts';

declare global {
  namespace App {
    interface Error {
      message: string;
      code?: ErrorCode;
    }
    interface Locals {
      /** The signed-in member, or null when there is no valid session. */
      member: Member | null;
      /** The workspace requires two-factor and the member has none: every page but enrolment sends them there. */
      twoFactorEnrolmentRequired: boolean;
      /** Set when the session could not be checked because the API failed (not a 401). */
      sessionError: { status: number; message: string } | null;
      /** A data reload the console made on its own (see $lib/background): its API calls do not mark the session used. */
      isBackground: boolean;
    }
  }
}

export {};
