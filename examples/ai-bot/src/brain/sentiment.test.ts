import { describe, expect, it } from 'vitest';
import { assessSentiment } from './sentiment.ts';

const clearlyNegative = [
  'This is ridiculous',
  'worst shop ever',
  'This chat is useless',
  'Terrible service',
  'WHERE IS MY ORDER!!!', // shouting
  "I'm so frustrated with this",
  'What the hell is going on with my parcel',
  'This is a total scam',
  'I am absolutely furious',
  'Unacceptable. Three weeks and still nothing.',
  'You guys are pathetic',
  "I'm fed up with waiting",
  'This is crap',
  'wtf',
  "I'm very disappointed and annoyed", // two moderate words add up
  'Never again will I order from you',
  'What a f***ing joke',
  'I HATE THIS SHOP!',
  'This bot is stupid',
  'you suck',
  'Dissapointed and annoyed', // misspelt
  "I'm not happy at all",
  'Why is this taking so long???',
];

const notClearlyNegative = [
  'not great',
  'Shipping is a bit slow',
  'Delivery was a bit slow, not great', // two mild remarks stay below the line
  "I'm a little disappointed",
  'not bad at all',
  "It's not terrible, I just have a question about sizes",
  "I'm not angry, just asking",
  'I hate to bother you, but where is my parcel?',
  'Is that the worst case for delivery times?',
  'Where is my order?',
  'Thanks, that was helpful!',
  'Hi!!!',
  'How long does shipping take??',
  "I'm not happy with the colour, can I exchange it?",
  'OK',
  'Do you ship with DHL or UPS?',
  'No problem',
  'Hello, my order number is AB-1234 and it has not arrived',
];

describe('assessSentiment', () => {
  it.each(clearlyNegative)('clearly negative: %s', (message) => {
    expect(assessSentiment(message).negative).toBe(true);
  });

  it.each(notClearlyNegative)('not clearly negative: %s', (message) => {
    expect(assessSentiment(message).negative).toBe(false);
  });

  it('names what it found, for the reason the agent reads', () => {
    expect(assessSentiment('This is RIDICULOUS, USELESS SERVICE!!').signals).toEqual(['ridiculous', 'useless', 'shouting']);
  });

  it('scores explainably: a strong word alone crosses the line, a mild one does not', () => {
    expect(assessSentiment('useless').score).toBe(3);
    expect(assessSentiment('slow').score).toBe(1);
    expect(assessSentiment('really slow').score).toBe(2);
    expect(assessSentiment('a bit slow').score).toBe(0);
  });
});
