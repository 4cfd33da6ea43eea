import { lookup } from 'node:dns/promises';
import net from 'node:net';

// Loopback, private, link-local, carrier-grade NAT and unique-local ranges: never a webhook target in production.
const privateRanges = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::1', 128],
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

/** Refuses (SSRF) a URL whose host resolves to a private or loopback address; null when the target is fine. */
export async function privateTargetProblem(url: string): Promise<string | null> {
  const { hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await lookup(host, { all: true });
  for (const { address, family } of addresses) {
    if (privateRanges.check(address, family === 6 ? 'ipv6' : 'ipv4')) {
      return `${hostname} resolves to the private address ${address}; set WEBHOOK_ALLOW_PRIVATE_TARGETS=1 to allow it`;
    }
  }
  return null;
}
