// What docker-compose.yml opens to the network (issue 12, item 8): the Temporal Web UI and gRPC frontend have no
// login, so only the api publishes a port to all, and the UI, for operators, to the host's loopback only.
// Read as text (no YAML parser is a dependency): the file's two-space layout is what this test relies on.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

interface ComposeService {
  name: string;
  /** The lines of its block, without the name's own. */
  lines: string[];
  /** Each entry of its `ports:` list, as written (long syntax entries as their lines joined). */
  ports: string[];
}

describe('docker-compose.yml', () => {
  it('publishes no Temporal port but the Web UI, in the operators profile, on the host loopback only', async () => {
    const services = servicesOf(await readFile(new URL('../docker-compose.yml', import.meta.url), 'utf8'));
    expect(services.map((service) => service.name)).toEqual(expect.arrayContaining(['temporal', 'temporal-ui', 'api', 'worker']));

    // Only two services publish a port: the api, and the operators' UI.
    const publishing = Object.fromEntries(services.filter((service) => service.ports.length > 0).map((service) => [service.name, service.ports]));
    expect(Object.keys(publishing).sort()).toEqual(['api', 'temporal-ui']);
    expect(publishing.api).toEqual(['"${HANDOVER_HTTP_BIND:-0.0.0.0}:${HANDOVER_HTTP_PORT:-3000}:3000"']);
    // Temporal's gRPC (7233) and the dev server's UI port (8233) are published by no service at all.
    expect(Object.values(publishing).flat().filter((entry) => /7233|8233/.test(entry))).toEqual([]);

    const ui = services.find((service) => service.name === 'temporal-ui')!;
    expect(ui.ports.length).toBeGreaterThan(0);
    for (const entry of ui.ports) expect(entry).toMatch(/^"?127\.0\.0\.1:/);
    expect(ui.lines).toContain('    profiles: [operators]');

    // Nothing sidesteps the ports list: no host networking anywhere.
    for (const service of services) expect(service.lines.filter((line) => /network_mode:\s*"?host/.test(line)), service.name).toEqual([]);
  });
});

/** The services of a compose file laid out with two-space indents: names at 2, their keys at 4, list items at 6. */
function servicesOf(text: string): ComposeService[] {
  const lines = text.split('\n');
  const start = lines.indexOf('services:');
  if (start < 0) throw new Error('docker-compose.yml has no services: block');
  const services: ComposeService[] = [];
  for (const line of lines.slice(start + 1)) {
    // The next top-level key ends the block.
    if (/^\S/.test(line)) break;
    const name = /^ {2}([A-Za-z0-9_.-]+):\s*$/.exec(line)?.[1];
    if (name) services.push({ name, lines: [], ports: [] });
    else services.at(-1)?.lines.push(line);
  }
  for (const service of services) service.ports = portsOf(service.lines);
  return services;
}

function portsOf(lines: string[]): string[] {
  const start = lines.findIndex((line) => /^ {4}ports:/.test(line));
  if (start < 0) return [];
  // `ports: [...]` on one line.
  const inline = /^ {4}ports:\s*\[(.*)\]\s*$/.exec(lines[start]!)?.[1];
  if (inline !== undefined) return inline.split(',').map((entry) => entry.trim()).filter(Boolean);
  const entries: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    // The service's next key ends the list.
    if (/^ {0,4}\S/.test(line)) break;
    const item = /^ {6}- (.*)$/.exec(line)?.[1];
    if (item !== undefined) entries.push(item.trim());
    // A long-syntax entry's further keys (`published:`, `host_ip:`) belong to it.
    else if (entries.length > 0) entries[entries.length - 1] += ` ${line.trim()}`;
  }
  return entries;
}
