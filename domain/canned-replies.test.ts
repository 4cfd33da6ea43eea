import { describe, expect, it } from 'vitest';
import { fillPlaceholders, knownPlaceholdersText, matchCannedReplies, unknownPlaceholders } from './canned-replies.ts';

const values = { customer: { name: 'Maria Garcia', email: 'maria@example.com' }, agent: { name: 'Ana Lopez' } };

describe('fillPlaceholders', () => {
  it('fills each known placeholder, wherever and however often it appears', () => {
    const text = 'Hi {{customer.name}}, I am {{agent.name}}. We wrote to {{customer.email}}, {{customer.name}}.';
    expect(fillPlaceholders(text, values)).toBe('Hi Maria Garcia, I am Ana Lopez. We wrote to maria@example.com, Maria Garcia.');
  });

  it('accepts spaces inside the braces', () => {
    expect(fillPlaceholders('Hi {{ customer.name }}!', values)).toBe('Hi Maria Garcia!');
  });

  it('uses the fallback when a value is missing or blank', () => {
    const text = 'Hi {{customer.name}}, we will write to {{customer.email}}.';
    expect(fillPlaceholders(text, { customer: {}, agent: { name: 'Ana' } })).toBe('Hi there, we will write to .');
    expect(fillPlaceholders(text, { customer: { name: '  ', email: null }, agent: {} })).toBe('Hi there, we will write to .');
  });

  it('never fills a value a second time, even one that looks like a placeholder', () => {
    expect(fillPlaceholders('Hi {{customer.name}}', { customer: { name: '{{agent.name}}' }, agent: { name: 'Ana' } })).toBe('Hi {{agent.name}}');
  });

  it('leaves unknown placeholders and lone braces as written', () => {
    expect(fillPlaceholders('{{order.id}} and {{ or }}', values)).toBe('{{order.id}} and {{ or }}');
    expect(fillPlaceholders('No placeholders here', values)).toBe('No placeholders here');
  });
});

describe('unknownPlaceholders', () => {
  it('names each unknown placeholder once, in order, and none of the known ones', () => {
    expect(unknownPlaceholders('{{customer.phone}} {{agent.name}} {{ Customer.Name }} {{customer.phone}} {{}}')).toEqual([
      'customer.phone',
      'Customer.Name',
      '',
    ]);
    expect(unknownPlaceholders('Hi {{customer.name}}, {{ agent.name }} here. {{ unclosed')).toEqual([]);
  });
});

describe('knownPlaceholdersText', () => {
  it('lists the placeholders a reply may use', () => {
    expect(knownPlaceholdersText()).toBe('{{customer.name}}, {{customer.email}} or {{agent.name}}');
  });
});

describe('matchCannedReplies', () => {
  const replies = [
    { title: 'Delivery times', text: 'Orders arrive in 3 to 5 days, and refunds take 5 days.' },
    { title: 'Greeting', text: 'Hi {{customer.name}}, how can I help?' },
    { title: 'Partial refund', text: 'We can refund part of the order.' },
    { title: 'Refund policy', text: 'Refunds take 5 working days.' },
  ];
  const titles = (query: string) => matchCannedReplies(replies, query).map((reply) => reply.title);

  it('finds every reply for an empty query, in the order given', () => {
    expect(titles('')).toEqual(['Delivery times', 'Greeting', 'Partial refund', 'Refund policy']);
  });

  it('puts titles that start with the query first, then titles holding it, then matches in the text', () => {
    expect(titles('ref')).toEqual(['Refund policy', 'Partial refund', 'Delivery times']);
    expect(titles('REFUND')).toEqual(['Refund policy', 'Partial refund', 'Delivery times']);
  });

  it('wants every word of the query, in the title or the text', () => {
    expect(titles('refund days')).toEqual(['Delivery times', 'Refund policy']);
    expect(titles('help')).toEqual(['Greeting']);
    expect(titles('nothing like this')).toEqual([]);
  });
});
