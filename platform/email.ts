import nodemailer from 'nodemailer';
import type { Logger } from './logger.ts';

/** One email, plain text (and HTML when given). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * A stable Message-ID for what must be one email however often it is sent (a retried delivery), so mail
   * clients can drop a repeat. Without `<>`; the sender adds them.
   */
  messageId?: string;
  /**
   * Parts of the text that give access to an account (a one-time link). A sender that writes to the log leaves
   * them out in production, where logs are read by more people than the recipient.
   */
  secrets?: string[];
}

/**
 * How Handover sends email: handover notifications, and account emails (invitations, password resets). The
 * default writes each email to the log, so a development install needs no mail server; SMTP when configured.
 */
export interface EmailSender {
  /** Resolves once the message was handed over (to the SMTP server, or the log); rejects when it was not. */
  send(message: EmailMessage): Promise<void>;
  /** Closes the SMTP connections, if any. */
  close(): void;
}

export interface EmailConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://…:465`; unset: the log. */
  SMTP_URL?: string | undefined;
  /** The From of every email, e.g. `Handover <handover@example.com>`. */
  EMAIL_FROM: string;
  /** In production the log sender leaves one-time links out. */
  NODE_ENV?: string | undefined;
}

export function createEmailSender(config: EmailConfig, logger: Logger): EmailSender {
  return config.SMTP_URL
    ? smtpEmailSender(config.SMTP_URL, config.EMAIL_FROM)
    : logEmailSender(logger, config.EMAIL_FROM, { logSecrets: config.NODE_ENV !== 'production' });
}

/**
 * Writes each email to the log (info): what a development install does instead of sending, one-time links
 * included so a developer can follow them; with `logSecrets: false` (production) those are left out.
 */
export function logEmailSender(logger: Logger, from: string, options: { logSecrets?: boolean } = {}): EmailSender {
  const logSecrets = options.logSecrets ?? true;
  // At info even when the process logs only warnings (npm start): an email written to the log is meant to be read.
  const log = logger.child({}, { level: logger.levelVal > 30 && logger.level !== 'silent' ? 'info' : logger.level });
  return {
    async send(message) {
      const text = logSecrets ? message.text : (message.secrets ?? []).reduce((shown, secret) => shown.replaceAll(secret, '[one-time link left out of the log: set SMTP_URL to send it]'), message.text);
      log.info({ email: { from, to: message.to, subject: message.subject, text } }, 'email (SMTP_URL is not set: written to the log instead of sent)');
    },
    close() {},
  };
}

/** Sends over SMTP with nodemailer; a refused or unreachable server rejects, and the caller retries. */
export function smtpEmailSender(smtpUrl: string, from: string): EmailSender {
  // Timeouts well inside the sending activity's 30 s: an attempt that outlived it would run on beside its retry
  // and send the same email twice.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 8_000, greetingTimeout: 8_000, socketTimeout: 8_000 }, { from });
  return {
    async send(message) {
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.messageId ? { messageId: `<${message.messageId}>` } : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}
