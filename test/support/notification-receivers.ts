// Stand-ins for what notifications go to, all outside the product: a Web Push service, a Slack incoming webhook
// and an SMTP server. Each checks what it gets independently of the code under test (the push service decrypts
// and verifies with node:crypto by the RFCs, not with the web-push library) and keeps it for the test to read.
import { createECDH, createPublicKey, hkdfSync, createDecipheriv, randomBytes, verify, type ECDH } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface ReceivedPush {
  subscription: string;
  headers: http.IncomingHttpHeaders;
  /** The decrypted payload, parsed. */
  payload: { title: string; body: string; url: string; tag: string };
  /** The VAPID JWT's claims, after its signature checked out with the key in the Authorization header. */
  claims: { aud: string; exp: number; sub: string };
  vapidPublicKey: string;
}

/** A browser's side of a subscription: its key pair and auth secret, as pushManager.subscribe() makes them. */
interface Subscriber {
  ecdh: ECDH;
  auth: Buffer;
  /** The status this subscription's push service answers: 201, or 410 once the browser is gone. */
  answer: number;
}

/**
 * A push service: subscriptions at /push/<name>. It accepts only an encrypted Web Push (RFC 8291, aes128gcm) with
 * a TTL and a VAPID Authorization (RFC 8292) whose signature verifies; anything else is answered 400 and noted.
 */
export class PushService {
  readonly received: ReceivedPush[] = [];
  readonly refused: string[] = [];
  /** Every request by subscription, accepted or not (a gone subscription's 410s included). */
  readonly requests: string[] = [];
  private readonly subscribers = new Map<string, Subscriber>();
  private server: http.Server | null = null;
  private port = 0;

  /** A new browser subscription; `answer` 410 makes it one whose browser is gone. */
  subscribe(name: string, answer = 201): { endpoint: string; keys: { p256dh: string; auth: string } } {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.subscribers.set(name, { ecdh, auth, answer });
    return { endpoint: `http://127.0.0.1:${this.port}/push/${name}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
  }

  pushesTo(name: string): ReceivedPush[] {
    return this.received.filter((push) => push.subscription === name);
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      void readBody(req).then((body) => {
        const name = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
        this.requests.push(name);
        const subscriber = this.subscribers.get(name);
        if (!subscriber) return void res.writeHead(404).end();
        if (subscriber.answer !== 201) return void res.writeHead(subscriber.answer).end();
        try {
          this.received.push(this.check(name, subscriber, req.headers, body));
          res.writeHead(201).end();
        } catch (error) {
          this.refused.push(`${name}: ${String(error)}`);
          res.writeHead(400).end();
        }
      });
    });
    this.port = await listen(this.server);
  }

  async stop(): Promise<void> {
    if (this.server) await close(this.server);
  }

  private check(name: string, subscriber: Subscriber, headers: http.IncomingHttpHeaders, body: Buffer): ReceivedPush {
    if (headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding is ${headers['content-encoding']}`);
    if (!/^\d+$/.test(String(headers.ttl))) throw new Error(`TTL is ${headers.ttl}`);
    const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(String(headers.authorization));
    if (!match) throw new Error(`Authorization is not vapid: ${headers.authorization}`);
    const [, token = '', vapidPublicKey = ''] = match;
    const claims = verifyVapid(token, vapidPublicKey);
    if (claims.aud !== `http://127.0.0.1:${this.port}`) throw new Error(`the JWT's aud is ${claims.aud}`);
    if (claims.exp * 1000 < Date.now()) throw new Error('the JWT has expired');
    const payload = JSON.parse(decryptAes128gcm(body, subscriber).toString('utf8')) as ReceivedPush['payload'];
    return { subscription: name, headers, payload, claims, vapidPublicKey };
  }
}

/** RFC 8292: an ES256 JWT signed by the key in `k`. */
function verifyVapid(token: string, publicKey: string): ReceivedPush['claims'] {
  const [header = '', claims = '', signature = ''] = token.split('.');
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256') throw new Error('the JWT is not ES256');
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const valid = verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error("the JWT's signature does not verify");
  return JSON.parse(Buffer.from(claims, 'base64url').toString()) as ReceivedPush['claims'];
}

/** RFC 8291 and RFC 8188: one record, decrypted with the subscription's private key and auth secret. */
function decryptAes128gcm(body: Buffer, subscriber: Subscriber): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const receiverPublicKey = subscriber.ecdh.getPublicKey();
  const ecdhSecret = subscriber.ecdh.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublicKey, senderPublicKey]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, subscriber.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 2, then zero padding.
  const end = padded.lastIndexOf(2);
  if (end < 0 || padded.subarray(end + 1).some((byte) => byte !== 0)) throw new Error('bad padding');
  return padded.subarray(0, end);
}

/** A Slack-compatible incoming webhook: keeps each JSON body it took; `answer` other than 200 refuses. */
export class SlackReceiver {
  readonly received: { text: string; blocks?: unknown[] }[] = [];
  answer = 200;
  requests = 0;
  private server: http.Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/services/T000/B000/a-secret-slack-token`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      void readBody(req).then((body) => {
        this.requests += 1;
        if (this.answer !== 200 || req.headers['content-type'] !== 'application/json') return void res.writeHead(this.answer === 200 ? 400 : this.answer).end();
        this.received.push(JSON.parse(body.toString('utf8')) as SlackReceiver['received'][number]);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    this.port = await listen(this.server);
  }

  async stop(): Promise<void> {
    if (this.server) await close(this.server);
  }
}

export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  /** The raw message with quoted-printable soft breaks and escapes undone (ASCII is enough for the tests). */
  text: string;
}

/** An SMTP server (smtp-server, from the nodemailer project) that takes every message and keeps it. */
export class MailServer {
  readonly received: ReceivedEmail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((address) => address.address),
          raw,
          text: raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
          subject: /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '',
        });
        callback();
      });
    },
  });
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedEmail[] {
    return this.received.filter((email) => email.to.includes(address));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
