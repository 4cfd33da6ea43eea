import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request in place of passing the API's answer back:
 * - `refuse-503`: answers 503 with Retry-After 1 s, without passing the request on;
 * - `drop`: closes the connection, without passing the request on;
 * - `lose`: passes it on, then closes the connection instead of answering (the answer was lost);
 * - `lose-503`: passes it on, then answers 503 with Retry-After 1 s instead of the API's answer.
 */
export type ProxyFault = 'refuse-503' | 'drop' | 'lose' | 'lose-503';

export interface ProxiedRequest {
  method: string;
  url: string;
  body: string;
}

/**
 * A stand-in for the network between an AI service and the API: it passes requests on, and fails the first
 * few it applies to as `faults` says, in order. It keeps every request it applies to, so a test can check that a
 * request sent again was the same.
 */
export class FaultyProxy {
  readonly seen: ProxiedRequest[] = [];
  /** Where it listens (kept once it has stopped, so a test can show that a closed port is unreachable). */
  readonly url: string;

  private constructor(
    private readonly server: http.Server,
    private readonly target: URL,
    private readonly faults: ProxyFault[],
    private readonly appliesTo: (url: string) => boolean,
  ) {
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('request', (req, res) => this.handle(req, res));
  }

  /** `appliesTo` picks the requests that count (default every one); the others are passed on untouched. */
  static async start(target: string, faults: ProxyFault[], appliesTo: (url: string) => boolean = () => true): Promise<FaultyProxy> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FaultyProxy(server, new URL(target), [...faults], appliesTo);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const counts = this.appliesTo(req.url ?? '');
      if (counts) this.seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const fault = counts ? this.faults.shift() : undefined;
      if (fault === 'drop') return req.socket.destroy();
      if (fault === 'refuse-503') return unavailable(res);
      const forwarded = http.request(
        { host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers: { ...req.headers, host: this.target.host } },
        (answer) => {
          if (fault === 'lose' || fault === 'lose-503') {
            answer.resume();
            answer.on('end', () => (fault === 'lose' ? req.socket.destroy() : unavailable(res)));
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', (error) => res.writeHead(502).end(String(error)));
      forwarded.end(body);
    });
  }
}

function unavailable(res: http.ServerResponse): void {
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
  res.end(JSON.stringify({ error: { code: 'unavailable', message: 'Try again', details: {} } }));
}
