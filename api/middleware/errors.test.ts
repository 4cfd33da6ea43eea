import { expect, it } from 'vitest';
import { toHttpError } from './errors.ts';

// The short chaos run saw one `POST /handovers` answered 500 while PostgreSQL was stopped and started again. These
// are the ways pg reports a database that went away or is not back yet; each must be "try again" (503), not a bug.
const unavailable: [string, Error & { code?: string }][] = [
  ['a query on a client whose connection failed', new Error('Client has encountered a connection error and is not queryable')],
  ['a query on a client that was closed', new Error('Client was closed and is not queryable')],
  ['the server closed the connection', new Error('Connection terminated unexpectedly')],
  ['the server is shutting down (admin_shutdown)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
  ['the server is shutting down (crash_shutdown)', Object.assign(new Error('terminating connection due to crash of another server process'), { code: '57P02' })],
  ['the server is starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
  ['too many connections while it restarts', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
  ['any connection exception (SQLSTATE class 08)', Object.assign(new Error('connection failure'), { code: '08006' })],
  ['a protocol violation after a reset', Object.assign(new Error('protocol violation'), { code: '08P01' })],
  ['a transaction chosen to break a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
  ['a lock not granted in time', Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' })],
];

it.each(unavailable)('answers 503 unavailable for %s', (_what, error) => {
  expect(toHttpError(error).status).toBe(503);
});

it('still answers 500 for a bug', () => {
  expect(toHttpError(new TypeError('Cannot read properties of undefined')).status).toBe(500);
  expect(toHttpError(Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' })).status).toBe(500);
});
