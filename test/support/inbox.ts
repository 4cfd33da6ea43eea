import type { EmailMessage, EmailSender } from '../../platform/email.ts';
import { eventually } from './http.ts';

/** An EmailSender that keeps every email it is given, for tests to read the links in them. */
export class Inbox implements EmailSender {
  readonly messages: EmailMessage[] = [];

  async send(message: EmailMessage): Promise<void> {
    this.messages.push(message);
  }

  close(): void {}

  /** The emails to `to` so far, oldest first. */
  to(to: string): EmailMessage[] {
    return this.messages.filter((message) => message.to === to);
  }

  /** Waits for the `count`-th email to `to` (the first by default). */
  async nth(to: string, count = 1): Promise<EmailMessage> {
    return eventually(async () => this.to(to)[count - 1], `email number ${count} to ${to}`, 10_000);
  }
}

/** The token of the one-time console link (`/invite/…` or `/reset-password/…`) in an email, or null. */
export function linkToken(message: EmailMessage, page: 'invite' | 'reset-password'): string | null {
  return new RegExp(`/${page}/([A-Za-z0-9_-]+)`).exec(message.text)?.[1] ?? null;
}
