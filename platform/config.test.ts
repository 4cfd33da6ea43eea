import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs on embedded defaults with demo data in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, TEMPORAL_UI_PORT: 8233, TEMPORAL_TASK_QUEUE: 'handover', demo: true });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('turns demo data and private webhook targets off in production', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.demo).toBe(false);
    expect(config.allowPrivateWebhookTargets).toBe(false);
  });

  it('wants https webhook, Slack and push targets in production, unless WEBHOOK_ALLOW_HTTP allows http', () => {
    expect(loadConfig({}).requireHttpsTargets).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).requireHttpsTargets).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_HTTP: 'false' }).requireHttpsTargets).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_HTTP: 'true' }).requireHttpsTargets).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_HTTP: '1' }).requireHttpsTargets).toBe(false);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'localhost' })).toThrow(/TEMPORAL_ADDRESS: must be host:port/);
  });

  it('sends email to the log and links notifications to this machine unless told otherwise', () => {
    const config = loadConfig({ PORT: '4000' });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.consoleUrl).toBe('http://localhost:4000');
    expect(loadConfig({ PUBLIC_URL: 'https://support.example.com' }).consoleUrl).toBe('https://support.example.com');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ VAPID_SUBJECT: 'handover' })).toThrow(/VAPID_SUBJECT/);
  });

  it("links to the operators' Temporal Web UI only when TEMPORAL_UI_URL names one, over http(s)", () => {
    expect(loadConfig({}).TEMPORAL_UI_URL).toBeUndefined();
    expect(loadConfig({ TEMPORAL_UI_URL: 'http://127.0.0.1:8080' }).TEMPORAL_UI_URL).toBe('http://127.0.0.1:8080');
    expect(() => loadConfig({ TEMPORAL_UI_URL: 'javascript:alert(1)' })).toThrow(/TEMPORAL_UI_URL/);
  });

  it("lets admins set a member's first password in development, and in production only when ALLOW_ADMIN_SET_PASSWORD says so", () => {
    expect(loadConfig({}).allowAdminSetPassword).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).allowAdminSetPassword).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_ADMIN_SET_PASSWORD: 'true' }).allowAdminSetPassword).toBe(true);
  });

  it('wants both halves of a Temporal mTLS pair', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/c.pem' })).toThrow(/TEMPORAL_TLS_KEY_PATH/);
  });

  it('trusts X-Forwarded-For from loopback only, unless TRUST_PROXY names the proxies (never every client)', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.0.2.7' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8, fd00::/8, 192.0.2.7');
    for (const wrong of ['true', '10.0.0.0/33', 'proxy.example', '10.0.0.0/8/1']) {
      expect(() => loadConfig({ TRUST_PROXY: wrong }), wrong).toThrow(/TRUST_PROXY/);
    }
  });

  it('listens on loopback only when it runs the demo (known passwords), unless HOST says otherwise', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HANDOVER_DEMO: 'false' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'production' }).HOST).toBe('0.0.0.0');
  });

  it('ends sessions unused for 12 hours unless SESSION_IDLE_TIMEOUT says otherwise, in seconds or with a unit', () => {
    expect(loadConfig({}).SESSION_IDLE_TIMEOUT).toBe(12 * 3600);
    expect(loadConfig({ SESSION_IDLE_TIMEOUT: '30m' }).SESSION_IDLE_TIMEOUT).toBe(1800);
    expect(loadConfig({ SESSION_IDLE_TIMEOUT: '2d' }).SESSION_IDLE_TIMEOUT).toBe(2 * 86400);
    expect(loadConfig({ SESSION_IDLE_TIMEOUT: '900' }).SESSION_IDLE_TIMEOUT).toBe(900);
    for (const wrong of ['30s', '8d', 'soon', '-5m', '1.5h']) {
      expect(() => loadConfig({ SESSION_IDLE_TIMEOUT: wrong }), wrong).toThrow(/SESSION_IDLE_TIMEOUT/);
    }
  });
});
