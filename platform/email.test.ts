import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createEmailSender } from './email.ts';
import { createLogger } from './logger.ts';

function capture(level: string) {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, any>);
      done();
    },
  });
  return { logger: createLogger(level, 'test', sink), lines };
}

describe('the email sender without SMTP_URL', () => {
  it('writes each email to the log, also when the process logs only warnings (npm start)', async () => {
    const { logger, lines } = capture('warn');
    const sender = createEmailSender({ EMAIL_FROM: 'Handover <handover@example.com>' }, logger);
    await sender.send({ to: 'ana@example.com', subject: 'Jo is waiting for a person', text: 'Open the handover: https://x.test/conversations/1' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        email: { from: 'Handover <handover@example.com>', to: 'ana@example.com', subject: 'Jo is waiting for a person', text: 'Open the handover: https://x.test/conversations/1' },
      }),
    ]);
  });

  it('leaves one-time links out of the log in production, and keeps them in development', async () => {
    const link = 'https://x.test/reset-password/secret-token';
    const message = { to: 'ana@example.com', subject: 'Reset your password', text: `Open ${link} to choose one`, secrets: [link] };
    const production = capture('info');
    const development = capture('info');

    await createEmailSender({ EMAIL_FROM: 'h@example.com', NODE_ENV: 'production' }, production.logger).send(message);
    await createEmailSender({ EMAIL_FROM: 'h@example.com', NODE_ENV: 'development' }, development.logger).send(message);

    expect(JSON.stringify(production.lines)).not.toContain('secret-token');
    expect(production.lines[0]?.email.text).toMatch(/^Open \[one-time link left out of the log: set SMTP_URL to send it\] to choose one$/);
    expect(development.lines[0]?.email.text).toBe(`Open ${link} to choose one`);
  });

  it('stays silent when the logs are off', async () => {
    const { logger, lines } = capture('silent');
    await createEmailSender({ EMAIL_FROM: 'h@example.com' }, logger).send({ to: 'a@example.com', subject: 's', text: 't' });
    expect(lines).toEqual([]);
  });
});
