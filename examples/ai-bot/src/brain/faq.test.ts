import { describe, expect, it } from 'vitest';
import { matchFaq } from './faq.ts';

describe('matchFaq', () => {
  it.each([
    ['How long does shipping take?', 'shipping'],
    ['Do you deliver to Austria?', 'shipping'],
    ['Where is my order?', 'order tracking'],
    ['Where’s my parcel? It hasn’t arrived', 'order tracking'],
    ['Where is my delivery?', 'order tracking'], // a tie with shipping: the entry listed first wins
    ['How do I return a jacket?', 'returns'],
    ['Can I get a refund?', 'returns'],
    ['When are you open on Saturday?', 'opening hours'],
    ['What are your customer service hours?', 'opening hours'],
    ['Can I pay with PayPal?', 'payment'],
    ['Which cards do you accept?', 'payment'],
    ['What size should I get?', 'sizes'],
    ['These trousers are too tight', 'sizes'],
  ])('%s → %s', (message, topic) => {
    expect(matchFaq(message)?.topic).toBe(topic);
  });

  it('finds nothing in a message about something else', () => {
    expect(matchFaq('What is the meaning of life?')).toBeUndefined();
    expect(matchFaq('Do you sell bicycles?')).toBeUndefined();
  });

  it('names the shop it is given', () => {
    expect(matchFaq('What are your opening hours?', 'Acme')?.answer).toMatch(/^Acme's store/);
  });
});
