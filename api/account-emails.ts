import type { EmailMessage } from '../platform/email.ts';
import { logEmailSender } from '../platform/email.ts';
import type { ApiDeps } from './deps.ts';

/** The console's public address that account links open. */
export function consoleUrlOf(deps: ApiDeps): string {
  return deps.accountEmails?.consoleUrl ?? deps.publicUrl ?? 'http://localhost:3000';
}

/**
 * Sends an account email without making the answer wait for the mail server: the answer is then the same, in
 * content and in time, whichever email (or none) a request leads to. A failure is logged with its kind only (never
 * the address or the link); the person asks again (a resend, a new reset request).
 */
export function sendAccountEmail(deps: ApiDeps, kind: 'invitation' | 'already_have_account' | 'password_reset', message: EmailMessage): void {
  const sender = deps.accountEmails?.sender ?? logEmailSender(deps.logger, 'Handover <handover@localhost>');
  sender.send(message).catch((error: unknown) => {
    const code = (error as { responseCode?: number; code?: string } | undefined)?.responseCode ?? (error as { code?: string } | undefined)?.code ?? 'unknown';
    deps.logger.warn({ kind, error: String(code) }, 'account email not sent');
  });
}
