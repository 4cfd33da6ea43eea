// Requests to addresses our users give us (webhooks, Slack, Web Push endpoints) must not reach inside the network
// we run in (SSRF). The address is checked when the connection is made, on the very answer the connection uses:
// a name checked earlier and resolved again later can answer differently (DNS rebinding).
// Loading undici 7 also makes its Agent the process's global fetch dispatcher: every fetch runs on it.
import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';

// The special-purpose registries (RFC 6890 and successors): nothing there is a customer's public server. Two
// lists: one BlockList would also match IPv4 addresses against the IPv6 rules (as ::ffff:a.b.c.d).
const blockedV4 = new net.BlockList();
const blockedV6 = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relays
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
] as const) {
  blockedV4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback, and IPv4-compatible (::a.b.c.d)
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64, which embeds an IPv4 address
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo among them
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which embeds an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blockedV6.addSubnet(network, prefix, 'ipv6');
}

/** An address no outbound request of ours may reach (and anything that is not an address at all). */
export function isForbiddenAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  return family === 6 ? blockedV6.check(address, 'ipv6') : blockedV4.check(address, 'ipv4');
}

/** A target refused for its address. Final: asking again reaches the same place. Never names the address. */
export class TargetRefusedError extends Error {
  override name = 'TargetRefusedError';
  constructor(host: string) {
    super(`${host} is a private or reserved address, which requests from this service may not reach`);
  }
}

type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;
type LookupCallback = (error: Error | null, address?: string | { address: string; family: number }[], family?: number) => void;

/**
 * A `fetch` for user-given addresses. Unless `allowPrivate` (development, or an explicit setting), every address
 * a name resolves to must be public, checked in the connection's own lookup; an address literal is checked before.
 * A refusal rejects with TargetRefusedError; a name that does not resolve fails as any network error (retried).
 * `resolve` replaces the system resolver (tests).
 */
export function createOutboundFetch(options: { allowPrivate: boolean; resolve?: Resolve }): typeof fetch {
  if (options.allowPrivate) return (input, init) => fetch(input, init);
  const resolve: Resolve = options.resolve ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));
  const lookup = (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback) => {
    resolve(hostname).then((addresses) => {
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      if (addresses.some(({ address }) => isForbiddenAddress(address))) return callback(new TargetRefusedError(hostname));
      if (lookupOptions.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    }, (error: Error) => callback(error));
  };
  const dispatcher = new Agent({ connect: { lookup: lookup as never } });
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && isForbiddenAddress(host)) throw new TargetRefusedError(url.hostname);
    try {
      return (await undiciFetch(url, { ...(init as object), dispatcher })) as unknown as Response;
    } catch (error) {
      // fetch reports a failed connection as "fetch failed", with the lookup's error as its cause.
      const cause = error instanceof Error ? error.cause : undefined;
      throw cause instanceof TargetRefusedError ? cause : error;
    }
  };
}

/**
 * Why a user-given address may not be saved, or null: it must be https where required (production, unless
 * WEBHOOK_ALLOW_HTTP), and resolve to public addresses only. A first check, for a clear answer at once: what
 * protects is the check when each request connects (createOutboundFetch). Never names the resolved address.
 */
export async function targetProblem(url: string, rules: { allowPrivate: boolean; requireHttps: boolean; resolve?: Resolve }): Promise<string | null> {
  const { protocol, hostname } = new URL(url);
  if (rules.requireHttps && protocol !== 'https:') return 'it must be https';
  if (rules.allowPrivate) return null;
  const host = hostname.replace(/^\[|\]$/g, '');
  const resolve: Resolve = rules.resolve ?? ((name) => dnsLookup(name, { all: true, verbatim: true }));
  let addresses: { address: string }[];
  try {
    addresses = net.isIP(host) ? [{ address: host }] : await resolve(host);
  } catch {
    return 'its host does not resolve';
  }
  return addresses.length === 0 || addresses.some(({ address }) => isForbiddenAddress(address))
    ? `${hostname} is a private or reserved address; set WEBHOOK_ALLOW_PRIVATE_TARGETS=1 to allow such targets`
    : null;
}
