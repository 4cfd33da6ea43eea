import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets and message bodies are redacted wherever they might appear. */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  const options = {
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
        // PostgreSQL puts the failing row (message bodies, secrets) in an error's detail.
        'err.detail',
        '*.err.detail',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
