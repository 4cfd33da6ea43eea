// A believable support history for one workspace, generated from a seed: conversations the AI answered alone and
// conversations it handed over, spread over a period by working hours, weekdays and a few busy days; each handover
// with its wait, claim, messages both ways, end, rating and the timeline the workflow would have written. Pure: no
// I/O and no Math.random, so one seed gives the same history. Conversations come one at a time, oldest day first,
// so a million of them never sit in memory together (write.ts stores them).
import type { HandoverEventType, HandoverStatus, Outcome, Sender, Trigger } from '../../domain/handover.ts';
import { triggers as allTriggers, outcomes as allOutcomes } from '../../domain/handover.ts';
import type { HandoverPolicy } from '../../domain/policy.ts';
import { createRandom, type Random } from './random.ts';
import { channels, containedExchanges, emailDomains, firstNames, handOffLines, lastNames, plans, ratingComments, topics, type Topic } from './texts.ts';

export interface HistoryAgent {
  id: string;
  name: string;
}

export interface HistoryOptions {
  seed: number | string;
  /** How many handovers to generate. */
  handovers: number;
  /** Everything generated happens in [from, to): requests, claims, messages, ends and ratings. */
  from: Date;
  to: Date;
  /** The messages of a handed-over conversation, on average (before, during and after the handover). */
  messagesPerHandover: number;
  /** Conversations the AI answered alone, per handover (1.5: two in five conversations are handed over). */
  containedPerHandover: number;
  /** Who claims: each gets a speed and a share of the load from the seed. */
  agents: readonly HistoryAgent[];
  /** The workspace's handover policy, which every handover snapshots (its ladder, fallback, reminders). */
  policy: HandoverPolicy;
  /** Conversation external ids are this prefix and a number. */
  conversationPrefix: string;
  /**
   * Row ids are drawn apart from the rest, from the seed and this (the workspace's id): ids are unique across the
   * database, so the same history can go into two workspaces. Everything else depends on the seed alone.
   */
  idNamespace: string;
}

export interface Actor {
  id: string | null;
  name: string;
}

export interface GeneratedMessage {
  id: string;
  seq: number;
  sender: Sender;
  author: HistoryAgent | null;
  body: string;
  clientMessageId: string | null;
  handoverId: string | null;
  at: number;
}

export interface GeneratedEvent {
  type: HandoverEventType;
  at: number;
  actor: Actor | null;
  data: Record<string, unknown>;
  dedupeKey: string;
}

export interface GeneratedCustomer {
  name?: string;
  email?: string;
}

export interface GeneratedHandover {
  id: string;
  status: Extract<HandoverStatus, 'completed' | 'missed'>;
  trigger: Trigger;
  reason: string;
  customer: GeneratedCustomer;
  metadata: Record<string, unknown>;
  assigneeId: string | null;
  escalationLevel: number;
  requestedAt: number;
  claimedAt: number | null;
  firstResponseAt: number | null;
  endedAt: number;
  outcome: Outcome;
  aiResumed: boolean;
  rating: { score: number; comment: string | null; at: number } | null;
  transfers: number;
  requeues: number;
  events: GeneratedEvent[];
}

export interface GeneratedConversation {
  id: string;
  externalId: string;
  customer: GeneratedCustomer;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  messages: GeneratedMessage[];
  handover: GeneratedHandover | null;
}

/** What was generated, counted as it was: the figures the analytics must show for the whole period. */
export interface HistorySummary {
  conversations: number;
  handovers: number;
  messages: number;
  events: number;
  completed: number;
  missed: number;
  rated: number;
  escalated: number;
  requeued: number;
  transferred: number;
  byTrigger: Record<Trigger, number>;
  byOutcome: Record<Outcome, number>;
  /** Ratings by score, 1 to 5 (index 0 unused). */
  scores: number[];
}

export interface History {
  /** The conversations, oldest day first; the summary counts each as it is generated. */
  conversations: Generator<GeneratedConversation, void, undefined>;
  summary: HistorySummary;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
/** The customer's messages before a handover take at most this long: requests start this late after `from`. */
const preambleLimitMs = 30 * minute;

/**
 * Requests stop this long before `to`, so that every handover's life (its waits, a requeue, the talk, the end and a
 * rating up to two hours later) is over before `to`: six hours, or more under a slow ladder or long reminders.
 */
export function lifecycleLimitMs(policy: HandoverPolicy): number {
  const remind = policy.assigneeResponseSeconds ? 4 * policy.assigneeResponseSeconds * second : 0;
  return Math.max(6 * hour, 2 * policy.escalation.fallback.afterSeconds * second + remind + 4 * hour);
}

/** How a day's handovers spread over its hours (the workspace's clock is UTC): a morning peak, an afternoon one, quiet nights. */
const hourlyProfile = [0.15, 0.1, 0.08, 0.07, 0.08, 0.15, 0.35, 0.7, 1.2, 1.6, 1.8, 1.7, 1.4, 1.5, 1.7, 1.6, 1.4, 1.1, 0.9, 0.8, 0.7, 0.55, 0.4, 0.25];
/** Sunday to Saturday. */
const weekdayProfile = [0.4, 1.15, 1.1, 1.05, 1.0, 0.9, 0.5];
const triggerWeights: readonly (readonly [Trigger, number])[] = [
  ['user_request', 40],
  ['ai_escalation', 32],
  ['sentiment', 11],
  ['keyword', 10],
  ['other', 7],
];

export function generateHistory(options: HistoryOptions): History {
  assertUsable(options);
  const summary = emptySummary();
  return { summary, conversations: conversations(options, summary) };
}

export function emptySummary(): HistorySummary {
  return {
    conversations: 0,
    handovers: 0,
    messages: 0,
    events: 0,
    completed: 0,
    missed: 0,
    rated: 0,
    escalated: 0,
    requeued: 0,
    transferred: 0,
    byTrigger: Object.fromEntries(allTriggers.map((trigger) => [trigger, 0])) as Record<Trigger, number>,
    byOutcome: Object.fromEntries(allOutcomes.map((outcome) => [outcome, 0])) as Record<Outcome, number>,
    scores: [0, 0, 0, 0, 0, 0],
  };
}

function assertUsable(options: HistoryOptions): void {
  if (!Number.isInteger(options.handovers) || options.handovers < 0) throw new Error('handovers must be a whole number, 0 or more');
  if (options.agents.length === 0) throw new Error('a history needs at least one agent to claim handovers');
  if (!(options.messagesPerHandover >= 2)) throw new Error('messagesPerHandover must be 2 or more');
  if (!(options.containedPerHandover >= 0)) throw new Error('containedPerHandover must be 0 or more');
  if (options.to.getTime() - lifecycleLimitMs(options.policy) <= options.from.getTime() + preambleLimitMs) {
    throw new Error(`the period must be longer than ${lifecycleLimitMs(options.policy) / hour} hours`);
  }
}

interface AgentProfile extends HistoryAgent {
  /** Below 1 is quicker than the team, above slower. */
  speed: number;
  load: number;
}

interface DayPlan {
  start: number;
  /** Hours of the day (their start and end) that lie in the request window, each with its weight. */
  hours: (readonly [{ from: number; to: number }, number])[];
  weight: number;
  busy: boolean;
}

interface Context {
  options: HistoryOptions;
  random: Random;
  ids: Random;
  agents: AgentProfile[];
  agentWeights: (readonly [AgentProfile, number])[];
  summary: HistorySummary;
  returning: GeneratedCustomer[];
  conversationNumber: number;
  /** Gaps between messages while a handover is in progress stay below what would remind the assignee or end it for silence. */
  gapCap: number;
}

function* conversations(options: HistoryOptions, summary: HistorySummary): Generator<GeneratedConversation, void, undefined> {
  const random = createRandom(options.seed);
  const agents = options.agents.map((agent) => ({
    ...agent,
    speed: Math.min(2.2, Math.max(0.5, random.logNormal(1, 0.35))),
    load: random.between(0.4, 1.6),
  }));
  const silenceLimits = [options.policy.assigneeResponseSeconds, options.policy.customerSilenceSeconds].filter((value): value is number => !!value);
  const context: Context = {
    options,
    random,
    ids: createRandom(`${options.seed}\n${options.idNamespace}`),
    agents,
    agentWeights: agents.map((agent) => [agent, agent.load] as const),
    summary,
    returning: [],
    conversationNumber: 0,
    gapCap: Math.min(4 * minute, ...silenceLimits.map((seconds) => 0.45 * seconds * second)),
  };
  const days = planDays(options, random);
  const counts = apportion(options.handovers, days.map((plan) => plan.weight));
  let containedCarry = 0;
  for (const [index, plan] of days.entries()) {
    const handovers = counts[index] ?? 0;
    containedCarry += handovers * options.containedPerHandover;
    const contained = Math.floor(containedCarry);
    containedCarry -= contained;
    const handoverTimes = sampleTimes(random, plan, handovers);
    const containedTimes = sampleTimes(random, plan, contained);
    // Both kinds in time order, so ids made from times append to their indexes.
    let h = 0;
    let c = 0;
    while (h < handoverTimes.length || c < containedTimes.length) {
      const nextHandover = handoverTimes[h] ?? Infinity;
      const nextContained = containedTimes[c] ?? Infinity;
      const conversation =
        nextHandover <= nextContained
          ? handedOver(context, (h++, nextHandover), plan.busy)
          : containedConversation(context, (c++, nextContained));
      summary.conversations += 1;
      summary.messages += conversation.messages.length;
      yield conversation;
    }
  }
}

/** Each day of the request window, weighted by weekday, a gentle growth over the period and a few busy days. */
function planDays(options: HistoryOptions, random: Random): DayPlan[] {
  const from = options.from.getTime() + preambleLimitMs;
  const until = options.to.getTime() - lifecycleLimitMs(options.policy);
  const plans: DayPlan[] = [];
  for (let start = Math.floor(from / day) * day; start < until; start += day) {
    const hours: DayPlan['hours'] = [];
    let mass = 0;
    for (let h = 0; h < 24; h += 1) {
      const spanFrom = Math.max(from, start + h * hour);
      const spanTo = Math.min(until, start + (h + 1) * hour);
      if (spanTo <= spanFrom) continue;
      const weight = (hourlyProfile[h] as number) * ((spanTo - spanFrom) / hour);
      hours.push([{ from: spanFrom, to: spanTo }, weight]);
      mass += weight;
    }
    const progress = (start - from) / Math.max(day, until - from);
    const weekday = weekdayProfile[new Date(start).getUTCDay()] as number;
    plans.push({ start, hours, weight: mass * weekday * (0.85 + 0.3 * progress), busy: false });
  }
  // A sale, an outage: a busy day every month or so, two to three times the usual traffic and slower answers.
  const busyDays = plans.length >= 7 ? Math.max(1, Math.round(plans.length / 30)) : 0;
  for (let index = 0; index < busyDays; index += 1) {
    const plan = random.pick(plans);
    if (plan.busy) continue;
    plan.busy = true;
    plan.weight *= random.between(2, 3);
  }
  return plans;
}

/** `total` split by weights into whole numbers that add up to it (largest remainders). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, index) => [value - Math.floor(value), index] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, index] of byRemainder) {
    if (left <= 0) break;
    counts[index] = (counts[index] as number) + 1;
    left -= 1;
  }
  return counts;
}

function sampleTimes(random: Random, plan: DayPlan, count: number): number[] {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const span = random.weighted(plan.hours);
    times.push(Math.floor(random.between(span.from, span.to)));
  }
  return times.sort((a, b) => a - b);
}

interface Draft {
  sender: Sender;
  author: HistoryAgent | null;
  body: string;
  at: number;
  clientMessageId?: string;
  inHandover: boolean;
}

/** A conversation the AI service handed over, from the customer's first line to the rating. */
function handedOver(context: Context, requestedAt: number, busy: boolean): GeneratedConversation {
  const { random, options, summary } = context;
  const { policy } = options;
  const fallbackMs = policy.escalation.fallback.afterSeconds * second;
  const trigger = random.weighted(triggerWeights);
  const topic = random.weighted(topics.filter((entry) => entry.reasons[trigger]).map((entry) => [entry, entry.weight] as const));
  const reason = random.weighted(topic.reasons[trigger] ?? []);
  const customer = pickCustomer(context);
  const fill = filler(context, customer);
  const id = context.ids.uuidAt(requestedAt);
  const events: GeneratedEvent[] = [];
  const usedKeys = new Set<string>();
  const event = (type: HandoverEventType, at: number, step: string, fields: { actor?: Actor | null; data?: Record<string, unknown> } = {}) => {
    const dedupeKey = `${id}:${step}`;
    // The activities record each step once by this key; a repeat (the ladder climbing again after a requeue) is dropped.
    if (usedKeys.has(dedupeKey)) return false;
    usedKeys.add(dedupeKey);
    events.push({ type, at, actor: fields.actor ?? null, data: fields.data ?? {}, dedupeKey });
    return true;
  };
  const drafts: Draft[] = [];
  const say = (sender: Sender, body: string, at: number, inHandover: boolean, author: HistoryAgent | null = null, clientMessageId?: string) =>
    drafts.push({ sender, author, body: fill(body), at, inHandover, ...(clientMessageId ? { clientMessageId } : {}) });

  // The messages before the handover: the customer and the AI, ending with the hand-off.
  const total = Math.max(2, Math.round(options.messagesPerHandover * random.between(0.5, 1.5)));
  const clock = workingClock(requestedAt);
  const missed = random.chance(Math.min(0.75, clock.missShare * (busy ? 1.8 : 1)));
  const waitingLines = missed ? Math.min(2, Math.max(0, Math.round(total * 0.15))) : random.chance(0.3) ? 1 : 0;
  // An even number: the customer opens, the AI has the last word before the hand-off.
  const before = 2 * Math.max(1, Math.floor((missed ? total - waitingLines : Math.round(total * 0.35)) / 2));
  const duringHandover = missed ? 0 : Math.max(1, total - before - waitingLines);
  const aiAnswers = cycle(random, topic.aiAnswers);
  const earlyDetails = cycle(random, topic.customerDetails);
  const beforeTimes: number[] = [];
  // Within the half hour before the request (the request window starts that late), however long the preamble.
  const spacing = Math.min(50 * second, preambleLimitMs / before);
  for (let index = 0, at = requestedAt; index < before; index += 1) beforeTimes.unshift((at -= Math.round(random.between(0.16, 1) * spacing)));
  for (let index = 0; index < before; index += 1) {
    const at = beforeTimes[index] as number;
    const last = index === before - 1;
    if (index % 2 === 0) {
      const asksForPerson = trigger === 'user_request' && index === before - 2;
      say('customer', index === 0 ? random.pick(topic.opening) : asksForPerson ? random.pick(handOffLines.customerAsks) : earlyDetails(), at, false);
    } else {
      say('ai', last ? random.pick(handOffLines.aiHandsOver) : aiAnswers(), at, false);
    }
  }

  event('requested', requestedAt, 'requested', { data: { trigger, reason } });
  event('notified', requestedAt, 'notified:0', { data: { audience: 'members', level: 0 } });

  /** The ladder while pending from `since` until `until`: each level reached on the timeline. */
  const climb = (since: number, until: number, round: number) => {
    let level = 0;
    for (const [index, step] of policy.escalation.levels.entries()) {
      const at = since + step.afterSeconds * second;
      if (at >= until) break;
      level = index + 1;
      const escalated = event('escalated', at, `escalated:${level}`, { data: { level, notify: step.notify } });
      event('notified', at, round > 0 ? `notified:r${round}:${level}` : `notified:${level}`, { data: { audience: step.notify, level } });
      // The customer is reassured once per level (the message is keyed by the level, so not again after a requeue).
      if (escalated && step.customerMessage) say('system', step.customerMessage, at, true, null, `system:${id}:escalation:${level}`);
    }
    return level;
  };

  let handover: GeneratedHandover;
  if (missed) {
    const timedOut = random.chance(0.55);
    const endedAt = timedOut
      ? requestedAt + fallbackMs + random.int(0, 1500)
      : requestedAt + Math.round(Math.min(fallbackMs - 5 * second, Math.max(20 * second, random.logNormal(150 * second, 0.7))));
    const level = climb(requestedAt, endedAt, 0);
    for (let index = 0; index < waitingLines; index += 1) {
      say('customer', random.pick(handOffLines.customerWaits), requestedAt + Math.round(((index + 1) * (endedAt - requestedAt)) / (waitingLines + 2)), true);
    }
    const aiResumed = timedOut ? policy.escalation.fallback.action === 'return_to_ai' : policy.returnToAi;
    if (timedOut) say('system', policy.escalation.fallback.customerMessage, endedAt, true, null, `system:${id}:ended`);
    const outcome: Outcome = timedOut ? 'timed_out' : 'customer_left';
    event('ended', endedAt, 'ended', { data: { outcome, status: 'missed', aiResumed } });
    handover = {
      id, status: 'missed', trigger, reason, customer, metadata: metadataFor(context), assigneeId: null, escalationLevel: level,
      requestedAt, claimedAt: null, firstResponseAt: null, endedAt, outcome, aiResumed, rating: null, transfers: 0, requeues: 0, events,
    };
  } else {
    handover = { ...inProgressToEnd({ context, topic, id, requestedAt, customer, trigger, reason, clock, busy, duringHandover, waitingLines, event, say, climb }), events };
  }
  maybeRate(context, handover, customer, event);
  countHandover(summary, handover);
  // The timeline in time order (the table numbers its rows as they are written); steps at one instant keep their order.
  events.sort((a, b) => a.at - b.at);

  drafts.sort((a, b) => a.at - b.at);
  const externalId = `${options.conversationPrefix}${++context.conversationNumber}`;
  const conversationId = context.ids.uuidAt(drafts[0]?.at ?? requestedAt);
  const messages = drafts.map((draft, index) => ({
    id: context.ids.uuidAt(draft.at),
    seq: index + 1,
    sender: draft.sender,
    author: draft.author,
    body: draft.body,
    clientMessageId: draft.clientMessageId ?? null,
    handoverId: draft.inHandover ? id : null,
    at: draft.at,
  }));
  return {
    id: conversationId,
    externalId,
    customer,
    createdAt: messages[0]?.at ?? requestedAt,
    updatedAt: Math.max(handover.endedAt, messages[messages.length - 1]?.at ?? 0),
    closedAt: handover.aiResumed ? null : handover.endedAt,
    messages,
    handover,
  };
}

interface Lifecycle {
  context: Context;
  topic: Topic;
  id: string;
  requestedAt: number;
  customer: GeneratedCustomer;
  trigger: Trigger;
  reason: string;
  clock: WorkingClock;
  busy: boolean;
  duringHandover: number;
  waitingLines: number;
  event: (type: HandoverEventType, at: number, step: string, fields?: { actor?: Actor | null; data?: Record<string, unknown> }) => boolean;
  say: (sender: Sender, body: string, at: number, inHandover: boolean, author?: HistoryAgent | null, clientMessageId?: string) => void;
  climb: (since: number, until: number, round: number) => number;
}

/** A claimed handover: the wait, perhaps a reminder or a requeue, the talk, perhaps a transfer, and the end. */
function inProgressToEnd(life: Lifecycle): GeneratedHandover {
  const { context, topic, id, requestedAt, clock, busy, event, say, climb } = life;
  const { random, options } = context;
  const { policy } = options;
  const fallbackMs = policy.escalation.fallback.afterSeconds * second;
  const remindAfter = policy.assigneeResponseSeconds ? policy.assigneeResponseSeconds * second : null;
  const waitFor = (agent: AgentProfile, median: number) =>
    Math.round(Math.min(fallbackMs - 5 * second, Math.max(3 * second, random.logNormal(median * Math.sqrt(agent.speed) * (busy ? 2.2 : 1), 0.9))));

  let agent = random.weighted(context.agentWeights);
  let wait = waitFor(agent, clock.waitMedian);
  let claimedAt = requestedAt + wait;
  let level = climb(requestedAt, claimedAt, 0);
  for (let index = 0; index < life.waitingLines; index += 1) say('customer', random.pick(handOffLines.customerWaits), requestedAt + Math.round(wait * 0.6), true);
  event('claimed', claimedAt, `claimed:${iso(claimedAt)}`, { actor: actorOf(agent) });
  let requeues = 0;
  // The assignee stayed silent (only where the policy reminds): reminded, then back in the queue for someone else.
  if (remindAfter && context.agents.length > 1 && random.chance(0.025)) {
    const remindedAt = claimedAt + remindAfter;
    event('reminded', remindedAt, `reminded:${agent.id}:${iso(claimedAt)}`, { data: { assignee: actorOf(agent), waitingSince: iso(claimedAt) } });
    const requeuedAt = claimedAt + 2 * remindAfter;
    requeues = 1;
    event('requeued', requeuedAt, 'requeued:1', { data: { previousAssignee: actorOf(agent), reason: 'assignee_silent' } });
    event('notified', requeuedAt, 'notified:r1:0', { data: { audience: 'members', level: 0 } });
    const silent = agent;
    const others = context.agentWeights.filter(([candidate]) => candidate.id !== silent.id);
    agent = random.weighted(others);
    wait = waitFor(agent, clock.waitMedian * 0.7);
    claimedAt = requeuedAt + wait;
    level = climb(requeuedAt, claimedAt, 1);
    event('claimed', claimedAt, `claimed:${iso(claimedAt)}`, { actor: actorOf(agent) });
  }

  // The talk: the agent's greeting first (the first response), then turns, gaps kept below the silence timers.
  const gap = () => Math.round(Math.min(context.gapCap, Math.max(5 * second, random.logNormal(45 * second * agent.speed * topic.effort, 0.6))));
  const firstResponseLimit = remindAfter ? 2 * remindAfter - 5 * second : 30 * minute;
  const firstDelay = Math.round(Math.min(firstResponseLimit, Math.max(4 * second, random.logNormal(25 * second * agent.speed, 0.8))));
  // The talk ends in time for a rating before `to` (a long conversation late in the period is cut short).
  const talkEnds = options.to.getTime() - 2 * hour - 2 * context.gapCap;
  const customerLeavesEarly = random.chance(0.05);
  const transferAt = context.agents.length > 1 && life.duringHandover >= 3 && random.chance(0.04) ? Math.floor(life.duringHandover / 2) : -1;
  let at = claimedAt;
  let firstResponseAt: number | null = null;
  let lastCustomerAt = requestedAt;
  let transfers = 0;
  const assignedFirst = agent;
  // The agent has the first word and the last (an odd number of turns), unless the customer leaves first.
  const turns = customerLeavesEarly && random.chance(0.5) ? 0 : life.duringHandover | 1;
  // Lines taken in turn from a random start, so a conversation does not repeat itself.
  const answers = cycle(random, topic.agentAnswers);
  const details = cycle(random, topic.customerDetails);
  for (let index = 0; index < turns; index += 1) {
    if (index === transferAt) {
      const from = agent;
      agent = random.weighted(context.agentWeights.filter(([candidate]) => candidate.id !== from.id));
      at += Math.floor(gap() / 2);
      transfers = 1;
      event('transferred', at, 'transferred:1', { actor: actorOf(from), data: { from: actorOf(from), to: actorOf(agent) } });
    }
    const next = index === 0 ? firstDelay : gap();
    if (index > 0 && at + next > talkEnds) break;
    at += next;
    const agentTurn = index % 2 === 0;
    if (agentTurn) {
      const body = index === 0 ? random.pick(handOffLines.agentGreets) : index >= turns - 2 && index > 1 ? random.pick(handOffLines.agentCloses) : answers();
      say('agent', body.replaceAll('{agent}', firstName(agent.name)), at, true, { id: agent.id, name: agent.name });
      firstResponseAt ??= at;
    } else {
      say('customer', index >= turns - 2 && index > 1 ? random.pick(handOffLines.customerThanks).replaceAll('{agent}', firstName(agent.name)) : details(), at, true);
      lastCustomerAt = at;
    }
  }
  if (remindAfter && firstDelay >= remindAfter && turns > 0) {
    event('reminded', claimedAt + remindAfter, `reminded:${assignedFirst.id}:${iso(claimedAt)}`, {
      data: { assignee: actorOf(assignedFirst), waitingSince: iso(claimedAt) },
    });
  }

  let endedAt: number;
  let outcome: Outcome;
  let actor: Actor | null = null;
  let note: string | null = null;
  if (customerLeavesEarly) {
    const silence = policy.customerSilenceSeconds ? policy.customerSilenceSeconds * second : null;
    endedAt = silence ? Math.max(at + second, lastCustomerAt + silence) : at + Math.round(Math.min(context.gapCap, Math.max(10 * second, random.logNormal(60 * second, 0.6))));
    outcome = 'customer_left';
  } else {
    endedAt = at + Math.round(Math.min(context.gapCap, Math.max(5 * second, random.logNormal(30 * second, 0.7))));
    actor = actorOf(agent);
    outcome = random.weighted<Outcome>([
      ['resolved', 70],
      ['unresolved', 12],
      [policy.returnToAi ? 'returned_to_ai' : 'closed', 18],
    ]);
    if (random.chance(0.15)) note = random.pick(topic.endNotes);
  }
  const aiResumed = policy.returnToAi;
  event('ended', endedAt, 'ended', { actor, data: { outcome, status: 'completed', aiResumed, ...(note ? { note } : {}) } });
  return {
    id, status: 'completed', trigger: life.trigger, reason: life.reason, customer: life.customer, metadata: metadataFor(context), assigneeId: agent.id,
    escalationLevel: level, requestedAt, claimedAt, firstResponseAt, endedAt, outcome, aiResumed, rating: null, transfers, requeues,
    events: [],
  };
}

/** Not every customer rates: most of those who were helped, few of those who were not; scores lean to 4 and 5 with a tail. */
function maybeRate(
  context: Context,
  handover: GeneratedHandover,
  customer: GeneratedCustomer,
  event: (type: HandoverEventType, at: number, step: string, fields?: { actor?: Actor | null; data?: Record<string, unknown> }) => boolean,
): void {
  const { random, options } = context;
  const rateShare: Record<Outcome, number> = { resolved: 0.55, unresolved: 0.4, returned_to_ai: 0.35, closed: 0.35, customer_left: 0.1, timed_out: 0.12 };
  if (!random.chance(rateShare[handover.outcome])) return;
  const at = handover.endedAt + Math.round(Math.min(2 * hour, Math.max(10 * second, random.logNormal(3 * minute, 1.1))));
  if (at >= options.to.getTime()) return;
  const distribution: Record<'helped' | 'unhelped' | 'missed', number[]> = {
    helped: [3, 3, 8, 26, 60],
    unhelped: [18, 18, 25, 22, 17],
    missed: [45, 25, 15, 10, 5],
  };
  const kind = handover.status === 'missed' ? 'missed' : handover.outcome === 'resolved' ? 'helped' : handover.outcome === 'returned_to_ai' ? 'helped' : 'unhelped';
  let score = random.weighted((distribution[kind] as number[]).map((weight, index) => [index + 1, weight] as const));
  // A long wait costs a point now and then.
  if (handover.claimedAt !== null && handover.claimedAt - handover.requestedAt > 3 * minute && score > 1 && random.chance(0.3)) score -= 1;
  const comment = random.chance(0.3) ? random.pick(ratingComments[score] ?? ['']) : null;
  handover.rating = { score, comment, at };
  event('rated', at, 'rated', { actor: { id: null, name: customer.name ?? 'Customer' }, data: { score } });
}

/** A conversation the AI answered by itself: one or two questions and answers, no handover. */
function containedConversation(context: Context, startedAt: number): GeneratedConversation {
  const { random, options } = context;
  const customer = pickCustomer(context);
  const fill = filler(context, customer);
  const exchanges = random.chance(0.35) ? 2 : 1;
  const messages: GeneratedMessage[] = [];
  let at = startedAt;
  for (let index = 0; index < exchanges; index += 1) {
    const [question, answer] = random.pick(containedExchanges);
    for (const [sender, body] of [['customer', question], ['ai', answer]] as const) {
      messages.push({ id: context.ids.uuidAt(at), seq: messages.length + 1, sender, author: null, body: fill(body), clientMessageId: null, handoverId: null, at });
      at += Math.floor(random.between(3, 40) * second);
    }
  }
  const last = messages[messages.length - 1] as GeneratedMessage;
  return {
    id: context.ids.uuidAt(startedAt),
    externalId: `${options.conversationPrefix}${++context.conversationNumber}`,
    customer,
    createdAt: startedAt,
    updatedAt: last.at,
    closedAt: null,
    messages,
    handover: null,
  };
}

interface WorkingClock {
  /** The share of handovers nobody claims in time at this hour. */
  missShare: number;
  /** The median wait for a claim at this hour. */
  waitMedian: number;
}

/** Office hours (8 to 18, Monday to Friday) are staffed; evenings thinly, nights and weekends hardly. */
function workingClock(at: number): WorkingClock {
  const date = new Date(at);
  const h = date.getUTCHours();
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  const [missShare, waitMedian] = h >= 8 && h < 18 ? [0.05, 35 * second] : h >= 18 && h < 22 ? [0.14, 70 * second] : [0.4, 150 * second];
  return { missShare: weekend ? Math.min(0.7, missShare * 1.6) : missShare, waitMedian: weekend ? waitMedian * 1.5 : waitMedian };
}

/** A new customer, or now and then one who came before. */
function pickCustomer(context: Context): GeneratedCustomer {
  const { random } = context;
  if (context.returning.length > 0 && random.chance(0.15)) return random.pick(context.returning);
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  const customer: GeneratedCustomer = random.chance(0.03) ? {} : { name: `${first} ${last}` };
  if (random.chance(0.8)) customer.email = `${first}.${last}${random.int(1, 9999)}@${random.pick(emailDomains)}`.toLowerCase();
  if (context.returning.length < 2000) context.returning.push(customer);
  else context.returning[random.int(0, context.returning.length - 1)] = customer;
  return customer;
}

/** Fills a line's placeholders with this conversation's order number, amount and day. */
function filler(context: Context, customer: GeneratedCustomer): (text: string) => string {
  const { random } = context;
  const order = String(random.int(10000, 999999));
  const amount = `€${random.int(9, 480)}.${String(random.int(0, 99)).padStart(2, '0')}`;
  const dayName = random.pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
  const first = customer.name ? firstName(customer.name) : 'there';
  return (text) =>
    text.includes('{') ? text.replaceAll('{order}', order).replaceAll('{amount}', amount).replaceAll('{day}', dayName).replaceAll('{first}', first) : text;
}

function metadataFor(context: Context): Record<string, unknown> {
  const { random } = context;
  return { channel: random.pick(channels), plan: random.pick(plans), orders: random.int(1, 40) };
}

function countHandover(summary: HistorySummary, handover: GeneratedHandover): void {
  summary.handovers += 1;
  summary.events += handover.events.length;
  if (handover.status === 'completed') summary.completed += 1;
  else summary.missed += 1;
  if (handover.escalationLevel >= 1) summary.escalated += 1;
  if (handover.requeues > 0) summary.requeued += 1;
  if (handover.transfers > 0) summary.transferred += 1;
  summary.byTrigger[handover.trigger] += 1;
  summary.byOutcome[handover.outcome] += 1;
  if (handover.rating) {
    summary.rated += 1;
    summary.scores[handover.rating.score] = (summary.scores[handover.rating.score] as number) + 1;
  }
}

function cycle(random: Random, lines: readonly string[]): () => string {
  let index = random.int(0, lines.length - 1);
  return () => lines[index++ % lines.length] as string;
}

function actorOf(agent: HistoryAgent): Actor {
  return { id: agent.id, name: agent.name };
}

function firstName(name: string): string {
  return name.split(' ')[0] ?? name;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
