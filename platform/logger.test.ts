import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('createLogger', () => {
  it('never writes passwords, cookies, message bodies or the row of a database error', () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = createLogger('info', 'test', sink);
    logger.info(
      {
        password: 'hunter2',
        headers: { cookie: 'handover_session=abc', authorization: 'Bearer hk_secret' },
        body: 'my card number',
        err: { message: 'insert failed', detail: 'Failing row contains (secret)' },
      },
      'hello',
    );
    expect(written).toContain('hello');
    expect(written).toContain('insert failed');
    for (const secret of ['hunter2', 'handover_session=abc', 'hk_secret', 'my card number', 'Failing row contains']) {
      expect(written).not.toContain(secret);
    }
  });
});
