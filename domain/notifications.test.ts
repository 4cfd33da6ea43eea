import { describe, expect, it } from 'vitest';
import { notificationDeliveryId, notificationMessage } from './notifications.ts';
import { slackUrlHint } from './schemas/notifications.ts';

const facts = {
  handoverId: 'h-1',
  level: 0,
  audience: 'members' as const,
  customerName: 'Jo Customer',
  reason: 'Wants a refund\n  for order 1234',
  trigger: 'user_request' as const,
  consoleUrl: 'https://support.example.com/',
};

describe('notificationMessage', () => {
  it('says who waits, why, and links to the handover in the console', () => {
    expect(notificationMessage(facts)).toEqual({
      title: 'Jo Customer is waiting for a person',
      body: 'The customer asked for a person: Wants a refund for order 1234\nNobody has taken it over yet.',
      url: 'https://support.example.com/conversations/h-1',
    });
  });

  it('names the escalation level, and a customer without a name', () => {
    const message = notificationMessage({ ...facts, level: 2, audience: 'everyone', customerName: null, trigger: 'sentiment' });
    expect(message.title).toBe('A customer is still waiting (escalation level 2)');
    expect(message.body).toBe('The customer seems upset: Wants a refund for order 1234\nNobody took it over in time, so it was escalated to level 2.');
  });

  it('cuts a long reason short', () => {
    const { body } = notificationMessage({ ...facts, reason: 'x'.repeat(1000) });
    expect(body.split('\n')[0]).toHaveLength('The customer asked for a person: '.length + 300);
  });
});

describe('notificationDeliveryId', () => {
  it('keys a delivery by handover, level, recipient and channel; Slack by the workspace', () => {
    expect(notificationDeliveryId('h-1', 1, 'm-1', 'email')).toBe('notified:h-1:1:m-1:email');
    expect(notificationDeliveryId('h-1', 0, null, 'slack')).toBe('notified:h-1:0:workspace:slack');
  });
});

describe('slackUrlHint', () => {
  it('shows where the URL points and the end of its secret path, never the rest', () => {
    expect(slackUrlHint('https://hooks.slack.com/services/T0/B0/secretsecretWXYZ')).toBe('https://hooks.slack.com/…WXYZ');
  });
});
