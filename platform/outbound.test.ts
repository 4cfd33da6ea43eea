import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundFetch, isForbiddenAddress, TargetRefusedError } from './outbound.ts';

describe('isForbiddenAddress', () => {
  it('refuses every special-purpose address, in every form', () => {
    const refused = [
      '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.255',
      '0.0.0.0', '0.1.2.3', '198.18.0.1', '198.19.255.255', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255', '192.0.0.8', '192.0.2.1', '198.51.100.1', '203.0.113.9',
      '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', '::127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '64:ff9b::a00:1', '64:ff9b:1::1', '2002:7f00:1::1', '2001::1',
      'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '100::1', '2001:db8::1',
    ];
    expect(refused.filter((address) => !isForbiddenAddress(address))).toEqual([]);
    const allowed = ['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'];
    expect(allowed.filter((address) => isForbiddenAddress(address))).toEqual([]);
  });
});

describe('createOutboundFetch', () => {
  let server: http.Server;
  let port = 0;
  let reached = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      reached += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it('checks the address it connects to: a name that answers public first and loopback second (rebinding) is refused', async () => {
    let lookups = 0;
    // A test resolver standing in for a rebinding DNS server: the save-time check would see the first answer.
    const rebinding = (_host: string) => Promise.resolve([{ address: (lookups += 1) === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
    expect(await rebinding('hooks.example')).toEqual([{ address: '93.184.216.34', family: 4 }]);
    const guarded = createOutboundFetch({ allowPrivate: false, resolve: rebinding });
    const failure = await guarded(`http://hooks.example:${port}/`, { method: 'POST', body: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TargetRefusedError);
    // The refusal says what was refused, never the address the name resolved to.
    expect(String((failure as Error).message)).not.toContain('127.0.0.1');
    expect(reached).toBe(0);
  });

  it('refuses address literals, and a name with any forbidden address among its answers', async () => {
    const guarded = createOutboundFetch({ allowPrivate: false, resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }] });
    for (const url of [`http://127.0.0.1:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://0x7f000001:${port}/`, `http://2130706433:${port}/`, 'http://mixed.example/']) {
      expect(await guarded(url).catch((error: unknown) => error), url).toBeInstanceOf(TargetRefusedError);
    }
    expect(reached).toBe(0);
  });

  it('lets a resolver failure through as an ordinary failure (retried), and reaches private targets when allowed', async () => {
    const failing = createOutboundFetch({ allowPrivate: false, resolve: async () => Promise.reject(Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' })) });
    const failure = await failing('http://nowhere.example/').catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(TargetRefusedError);
    expect(failure).toBeInstanceOf(Error);
    const open = createOutboundFetch({ allowPrivate: true });
    expect(await (await open(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    expect(reached).toBe(1);
  });
});
