import { afterEach, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { previousSecretExpiry } from '../domain/webhook-secrets.ts';
import { webhookSignature } from './webhook-signature.ts';

const oldSecret = `whsec_${btoa('the-secret-before-the-rotation')}`;
const newSecret = `whsec_${btoa('the-secret-after-the-rotation!')}`;
const rotatedAt = new Date('2026-03-01T12:00:00Z');
const endpoint = { secret: newSecret, previousSecrets: [{ secret: oldSecret, expiresAt: previousSecretExpiry(rotatedAt).toISOString() }] };
const delivery = { id: 'evt-1', body: '{"id":"evt-1"}' };

afterEach(() => {
  vi.useRealTimers();
});

/** Whether a receiver holding `secret` accepts the delivery signed at `at`, checked by the scheme's own library at that moment. */
function accepts(secret: string, signature: string, at: Date): boolean {
  vi.useFakeTimers({ now: at });
  const headers = { 'webhook-id': delivery.id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
  try {
    new Webhook(secret).verify(delivery.body, headers);
    return true;
  } catch {
    return false;
  } finally {
    vi.useRealTimers();
  }
}

describe('webhookSignature', () => {
  it('signs with the new secret first and the previous one too, for 24 hours after the rotation', () => {
    for (const at of [rotatedAt, new Date(rotatedAt.getTime() + 24 * 3_600_000 - 1000)]) {
      const signature = webhookSignature(endpoint, delivery, at);
      expect(signature.split(' ')).toEqual([new Webhook(newSecret).sign(delivery.id, at, delivery.body), new Webhook(oldSecret).sign(delivery.id, at, delivery.body)]);
      expect([accepts(newSecret, signature, at), accepts(oldSecret, signature, at)]).toEqual([true, true]);
    }
  });

  it('signs with the new secret alone once the 24 hours are over', () => {
    const at = new Date(rotatedAt.getTime() + 24 * 3_600_000);
    const signature = webhookSignature(endpoint, delivery, at);
    expect(signature.split(' ')).toHaveLength(1);
    expect([accepts(newSecret, signature, at), accepts(oldSecret, signature, at)]).toEqual([true, false]);
  });

  it('signs once when there is no previous secret, or it is the current one', () => {
    const at = rotatedAt;
    expect(webhookSignature({ secret: newSecret, previousSecrets: [] }, delivery, at).split(' ')).toHaveLength(1);
    expect(webhookSignature({ ...endpoint, previousSecrets: [{ secret: newSecret, expiresAt: endpoint.previousSecrets[0]!.expiresAt }] }, delivery, at).split(' ')).toHaveLength(1);
  });
});
