import { describe, expect, it } from 'vitest';
import { HandoverSettings } from './settings.ts';
import { LoginRequest } from './members.ts';
import { WebhookSettingsRequest } from './webhooks.ts';
import { type z } from './zod.ts';

/** The messages a request's first few problems produce, by field. */
function messages(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

const libraryWording = /Too (small|big)|Invalid (input|option|string|email|URL|UUID)|expected|received|[<>]=/;

const settings = {
  enabled: true,
  memberIds: [],
  returnToAi: true,
  maxConcurrentPerAgent: null,
  assigneeResponseSeconds: null,
  customerSilenceSeconds: null,
  escalation: { levels: [], fallback: { afterSeconds: 600, action: 'return_to_ai', customerMessage: 'Back to the assistant' } },
};

describe('validation messages', () => {
  it('speak to a person, field by field', () => {
    expect(messages(HandoverSettings, { ...settings, maxConcurrentPerAgent: 0 })).toEqual({
      maxConcurrentPerAgent: 'Enter 1 or more, or leave it empty for no limit',
    });
    expect(messages(HandoverSettings, { ...settings, assigneeResponseSeconds: 1.5 })).toEqual({ assigneeResponseSeconds: 'Enter a whole number' });
    expect(messages(HandoverSettings, { ...settings, customerSilenceSeconds: 0 })).toEqual({
      customerSilenceSeconds: 'Enter 1 second or more, or leave it empty to never end it',
    });
    expect(messages(HandoverSettings, { ...settings, assigneeResponseSeconds: 90_000 })).toEqual({
      assigneeResponseSeconds: 'Enter at most 86400 seconds (24 hours)',
    });
    expect(messages(HandoverSettings, { ...settings, maxConcurrentPerAgent: 500 })).toEqual({ maxConcurrentPerAgent: 'Enter 100 or less' });
    const fallback = { ...settings.escalation.fallback, customerMessage: '   ', action: 'shrug' };
    expect(messages(HandoverSettings, { ...settings, escalation: { levels: [], fallback } })).toEqual({
      'escalation.fallback.customerMessage': 'This can’t be empty',
      'escalation.fallback.action': 'Choose one of: return_to_ai, close',
    });
    expect(messages(LoginRequest, { email: 'ana' })).toMatchObject({ password: 'This is required' });
    expect(messages(WebhookSettingsRequest, { url: 'not a url' })).toEqual({ url: 'Enter a full address, like https://example.com/path' });
  });

  it('never in the library’s wording, for any field of the settings a person edits', () => {
    const bad = [
      { ...settings, enabled: 'yes' },
      { ...settings, memberIds: [''] },
      { ...settings, customerSilenceSeconds: -1 },
      { ...settings, escalation: { levels: [{ afterSeconds: 0, notify: 'nobody', customerMessage: '' }], fallback: settings.escalation.fallback } },
    ];
    for (const input of bad) {
      for (const message of Object.values(messages(HandoverSettings, input))) expect(message).not.toMatch(libraryWording);
    }
  });
});
