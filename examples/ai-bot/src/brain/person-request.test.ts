import { describe, expect, it } from 'vitest';
import { DEFAULT_HANDOVER_PHRASES, detectPersonRequest } from './person-request.ts';

// The table the issue asks for: phrasings that must hand over, and phrasings that must not.
const mustHandOver = [
  'agent',
  'Human please',
  'HUMAN',
  'Operator!',
  'Real person please.',
  'talk to someone',
  'speak to a person',
  'I want to talk to a human',
  'Can I speak to a real person?',
  'Get me a representative',
  "I'd like to speak to customer service",
  'I’d like a human', // curly apostrophe, as phones type it
  'Connect me with your support team',
  'Is there a person I can talk to?',
  'Let me talk to someone from your staff',
  'I need an agent now',
  'Could you transfer me to a human agent?',
  'can i talk to somebody',
  'put me through to an operator',
  'chat with a live agent please',
  'Are you a bot? I want a real person', // a question about the bot, then a request: the request wins
  "I don't want a bot, I want a human", // the negation stays in its own clause
  "I don't want the bot but a human",
  'No, I need to speak to someone',
  "why can't I talk to a human", // a complaint, not a negation
  "I don't know, can I talk to someone?",
  'humans please',
  'human agent',
  'transfer me please',
  'Please escalate this',
  'Can somebody call me back?',
  'I said AGENT',
  'I asked for a human already',
];

const mustNotHandOver = [
  "I don't need a human",
  'no need for an agent',
  'not a person',
  'never mind the agent',
  'Nevermind the human, how long does shipping take?',
  'I do not want to speak to a human',
  "I'd rather not talk to a person",
  'No human needed, thanks',
  'Can I return this without an agent?',
  "I don't think I need a person",
  'Someone stole my parcel from the doorstep', // "someone", but nobody is asked for
  'The delivery person left it at the wrong door',
  'What are your customer service hours?', // a question for the FAQ, not a request
  'My agent in Berlin will pick up the order',
  'Are your products humanely sourced?', // "human" only as a whole word
  'Is the agency fee included?',
  'I need personal advice on sizes',
  'Can someone tell me the shipping times?',
  'It looks like someone opened my parcel',
];

const aboutTheBot = [
  'Are you a human?',
  'are you human',
  'Am I talking to a real person?',
  'are you a bot',
  'Are you a real person or a bot?',
  'is this a bot?',
  'Is this an actual person?',
  'r u a robot',
  "You're not a human, are you?",
  "you're a bot",
];

describe('detectPersonRequest', () => {
  it.each(mustHandOver)('hands over: %s', (message) => {
    expect(detectPersonRequest(message)).toMatchObject({ kind: 'request' });
  });

  it.each(mustNotHandOver)('does not hand over: %s', (message) => {
    expect(detectPersonRequest(message).kind).not.toBe('request');
  });

  it.each(aboutTheBot)('takes it as a question about the bot: %s', (message) => {
    expect(detectPersonRequest(message)).toEqual({ kind: 'question_about_bot' });
  });

  it('says which phrase asked for a person', () => {
    expect(detectPersonRequest('Could I please speak to an operator?')).toEqual({ kind: 'request', phrase: 'operator' });
  });

  it('prefers the longest phrase, so the reason names what the customer said', () => {
    expect(detectPersonRequest('I want a real person')).toEqual({ kind: 'request', phrase: 'real person' });
  });

  it('takes a configured list instead of the default', () => {
    const phrases = ['mitarbeiter', 'store manager'];
    expect(detectPersonRequest('Mitarbeiter, bitte', phrases)).toMatchObject({ kind: 'request' }); // the phrase alone in its clause
    expect(detectPersonRequest('I want to talk to the store manager', phrases)).toEqual({ kind: 'request', phrase: 'store manager' });
    expect(detectPersonRequest('I want to talk to a human', phrases).kind).toBe('none');
  });

  it('the default list covers the phrasings the issue names', () => {
    for (const phrase of ['agent', 'human', 'someone', 'real person', 'operator']) expect(DEFAULT_HANDOVER_PHRASES).toContain(phrase);
  });
});
