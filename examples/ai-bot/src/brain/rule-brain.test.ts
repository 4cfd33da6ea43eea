import { describe, expect, it } from 'vitest';
import { FALLBACK_REPLIES, HANDOVER_REPLIES, PERSON_OFFER, isFallbackReply } from './replies.ts';
import { createRuleBrain } from './rule-brain.ts';
import type { Turn } from './types.ts';

const brain = createRuleBrain();
const notUnderstood = FALLBACK_REPLIES[0]!;
const customer = (text: string): Turn => ({ from: 'customer', text });
const ai = (text: string): Turn => ({ from: 'ai', text });
const agent = (text: string): Turn => ({ from: 'agent', text });

describe('the rule brain', () => {
  it('answers an FAQ question', async () => {
    const decision = await brain.decide([], 'How long does shipping take?');
    expect(decision).toEqual({ kind: 'answer', text: expect.stringMatching(/business days/) });
  });

  it('answers greetings and thanks rather than not understanding them', async () => {
    expect(await brain.decide([], 'Hello!')).toMatchObject({ kind: 'answer', text: expect.stringMatching(/^Hi!/) });
    const afterAnswer = [customer('Where is my order?'), ai('You can track it…')];
    expect(await brain.decide(afterAnswer, 'thanks!')).toMatchObject({ kind: 'answer', text: expect.stringMatching(/welcome/) });
  });

  it('hands over when the customer asks for a person, with a reply and a reason', async () => {
    expect(await brain.decide([], 'Can I talk to a real person please?')).toEqual({
      kind: 'handover',
      trigger: 'user_request',
      reason: 'Customer asked for a person ("real person")',
      reply: HANDOVER_REPLIES.user_request,
    });
  });

  it('does not hand over on a negated request, and answers the rest of the message', async () => {
    const decision = await brain.decide([], "I don't need a human, just tell me how to return this");
    expect(decision).toMatchObject({ kind: 'answer', text: expect.stringMatching(/return/) });
  });

  it('answers "are you a human?" and offers a person; a yes hands over, a no does not', async () => {
    const question = await brain.decide([], 'Are you a human?');
    expect(question).toMatchObject({ kind: 'answer', text: expect.stringMatching(/virtual assistant, not a person/) });
    const history = [customer('Are you a human?'), ai((question as { text: string }).text)];
    expect(await brain.decide(history, 'yes please')).toMatchObject({ kind: 'handover', trigger: 'user_request' });
    expect(await brain.decide(history, 'no thanks')).toMatchObject({ kind: 'answer', text: 'No problem. What can I help you with?' });
    expect(await brain.decide(history, 'Where is my order?')).toMatchObject({ kind: 'answer', text: expect.stringMatching(/tracking/) });
  });

  it('a yes hands over only right after the offer', async () => {
    expect(await brain.decide([ai('Orders ship within one business day.')], 'yes')).toMatchObject({ kind: 'answer' });
  });

  it('hands over on clearly negative sentiment, naming what it saw', async () => {
    expect(await brain.decide([], 'This is ridiculous, where is my parcel?')).toEqual({
      kind: 'handover',
      trigger: 'sentiment',
      reason: 'Customer seems upset ("ridiculous")',
      reply: HANDOVER_REPLIES.sentiment,
    });
  });

  it('answers a mild complaint', async () => {
    expect(await brain.decide([], 'Shipping is a bit slow, how long does it take?')).toMatchObject({ kind: 'answer' });
  });

  describe('priority: person request > sentiment > FAQ > fallback', () => {
    it('a request for a person beats sentiment', async () => {
      expect(await brain.decide([], 'This is ridiculous, get me a human')).toMatchObject({ kind: 'handover', trigger: 'user_request' });
    });

    it('sentiment beats the FAQ', async () => {
      expect(await brain.decide([], 'Your shipping is TERRIBLE')).toMatchObject({ kind: 'handover', trigger: 'sentiment' });
    });

    it('sentiment beats a question about the bot', async () => {
      expect(await brain.decide([], 'Are you a bot? This is useless')).toMatchObject({ kind: 'handover', trigger: 'sentiment' });
    });

    it('the FAQ beats not understanding, even after a not-understood answer', async () => {
      const history = [customer('blorp'), ai(notUnderstood)];
      expect(await brain.decide(history, 'What are your opening hours?')).toMatchObject({ kind: 'answer' });
    });
  });

  describe('two not-understood answers in a row', () => {
    it('the first one answers "Sorry, I didn\'t get that"', async () => {
      expect(await brain.decide([], 'Do you sell bicycles?')).toEqual({ kind: 'answer', text: notUnderstood });
    });

    it('the second in a row hands over (ai_escalation)', async () => {
      const history = [customer('Do you sell bicycles?'), ai(notUnderstood)];
      expect(await brain.decide(history, 'What about unicycles?')).toEqual({
        kind: 'handover',
        trigger: 'ai_escalation',
        reason: 'The assistant did not understand two messages in a row',
        reply: HANDOVER_REPLIES.ai_escalation,
      });
    });

    it('counts only the bot\'s last reply, whatever customer messages came after it', async () => {
      const history = [customer('Do you sell bicycles?'), ai(notUnderstood), customer('hello?'), customer('anyone?')];
      expect(await brain.decide(history, 'bikes??')).toMatchObject({ kind: 'handover', trigger: 'ai_escalation' });
    });

    it('an answer it could give in between starts the count again', async () => {
      const history = [customer('bicycles?'), ai(notUnderstood), customer('ok, shipping times?'), ai('Orders ship within one business day.')];
      expect(await brain.decide(history, 'unicycles?')).toEqual({ kind: 'answer', text: notUnderstood });
    });

    it('after a handover, an agent\'s turn starts the count again', async () => {
      const history = [customer('bicycles?'), ai(notUnderstood), customer('unicycles?'), ai(HANDOVER_REPLIES.ai_escalation), agent('Hi, Ana here. We do not sell bikes.')];
      expect(await brain.decide(history, 'tricycles?')).toEqual({ kind: 'answer', text: notUnderstood });
      expect(await brain.decide([...history.slice(0, 2), agent('Ana here')], 'tricycles?')).toEqual({ kind: 'answer', text: notUnderstood });
    });

    it('recognises its not-understood reply whatever a channel did to spaces, case and apostrophes', () => {
      expect(isFallbackReply(`  ${notUnderstood.replace("didn't", 'didn’t').replaceAll(' ', '  ').toUpperCase()}\n`)).toBe(true);
      expect(isFallbackReply('Sorry, I did not get that.')).toBe(false);
      expect(isFallbackReply(PERSON_OFFER)).toBe(false);
    });
  });

  describe('options', () => {
    it('takes its own list of phrases', async () => {
      const custom = createRuleBrain({ handoverPhrases: ['store manager'] });
      expect(await custom.decide([], 'I want the store manager')).toMatchObject({ kind: 'handover', trigger: 'user_request' });
      expect(await custom.decide([], 'I want an agent')).toMatchObject({ kind: 'answer' });
    });

    it('names the shop it is given', async () => {
      const acme = createRuleBrain({ shopName: 'Acme' });
      expect(await acme.decide([], 'are you a bot?')).toMatchObject({ text: expect.stringMatching(/^I'm Acme's virtual assistant/) });
    });
  });
});
