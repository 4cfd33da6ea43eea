import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets and message bodies are redacted wherever they might appear. */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'body',
        '*.body',
        'secret',
        '*.secret',
        'apiKey',
        '*.apiKey',
      ],
      censor: '[redacted]',
    },
  });
}
