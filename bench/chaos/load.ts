// Benchmark-like load through the public HTTP API only: an AI service (the workspace's API key) routes customer
// messages and requests handovers; agents (console sessions) take them over, answer and end them. Some handovers
// are left for the escalation ladder, which must escalate them and fall back. Everything the API acknowledged is
// recorded, so the checks can hold the product to it.
import type { ChaosClient } from './client.ts';
import { RequestGaveUp, sleep } from './client.ts';

export interface LoadOptions {
  /** Lifecycles running at once. */
  concurrency: number;
  /** Customer and agent message pairs in one handover. */
  rounds: number;
  /** Pause between two sends of a lifecycle. */
  pauseMs: number;
  /** Every n-th lifecycle is left to the ladder (never claimed). */
  ladderEvery: number;
}

export interface SentMessage {
  conversationId: string;
  sender: 'customer' | 'agent';
  clientMessageId: string;
  body: string;
  /** The handover the API said it went to (routedTo human, or the agent's handover); null when routed to the AI. */
  handoverId: string | null;
  messageId: string;
  episode: string;
  ackedAt: number;
}

export interface LoadHandover {
  conversationId: string;
  /** Null until POST /handovers was acknowledged. */
  handoverId: string | null;
  episode: string;
  plan: 'lifecycle' | 'ladder';
  agent: number | null;
  claim: 'acked' | 'lost_to_ladder' | null;
  end: 'acked' | 'ambiguous' | null;
  /** The agent messages acknowledged, in the order they were sent (one at a time). */
  agentMessages: string[];
  /** Where what the API answered contradicts what it acknowledged before. */
  anomalies: string[];
  requestedAt: number;
  done: boolean;
}

export interface Agent {
  memberId: string;
  cookie: string;
}

export class Load {
  readonly messages: SentMessage[] = [];
  readonly handovers: LoadHandover[] = [];
  /** Requests the load gave up on, and answers it did not expect. */
  readonly problems: string[] = [];
  episode = 'setup';
  private running = false;
  private loops: Promise<void>[] = [];
  private counter = 0;

  constructor(
    private readonly client: ChaosClient,
    private readonly apiKey: string,
    private readonly agents: Agent[],
    private readonly runId: string,
    private readonly options: LoadOptions,
    private readonly clock: () => number,
  ) {}

  start(episode: string): void {
    if (this.running) throw new Error('the load is already running');
    this.episode = episode;
    this.running = true;
    this.loops = Array.from({ length: this.options.concurrency }, (_, index) => this.loop(index));
  }

  /** Starts no new lifecycle and waits for those in flight to finish. */
  async drain(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(index: number): Promise<void> {
    // Staggered, so the lifecycles do not move in step.
    await sleep(index * 150);
    while (this.running) {
      const number = this.counter++;
      const plan = number % this.options.ladderEvery === this.options.ladderEvery - 1 ? 'ladder' : 'lifecycle';
      try {
        await this.lifecycle(number, plan, index % this.agents.length);
      } catch (error) {
        this.problems.push(`lifecycle ${number}: ${error instanceof RequestGaveUp ? error.message : String(error)}`);
      }
      await sleep(this.options.pauseMs);
    }
  }

  private async lifecycle(number: number, plan: 'lifecycle' | 'ladder', agentIndex: number): Promise<void> {
    const conversationId = `chaos-${this.runId}-${number}`;
    const record: LoadHandover = {
      conversationId,
      handoverId: null,
      episode: this.episode,
      plan,
      agent: plan === 'ladder' ? null : agentIndex,
      claim: null,
      end: null,
      agentMessages: [],
      anomalies: [],
      requestedAt: this.clock(),
      done: false,
    };
    this.handovers.push(record);
    const agent = this.agents[agentIndex]!;
    const { pauseMs, rounds } = this.options;

    // The AI has the conversation: the message is stored at once, for the AI.
    const first = await this.customerMessage(record, `${conversationId}-c0`);
    if (first.routedTo !== 'ai') record.anomalies.push(`the first message was routed to ${first.routedTo} before any handover`);
    await sleep(pauseMs);

    const requested = await this.client.request('request handover', 'POST', '/handovers', { apiKey: this.apiKey }, {
      conversationId,
      reason: plan === 'ladder' ? 'Chaos: nobody takes this one' : 'Chaos: customer asks for a person',
      trigger: plan === 'ladder' ? 'ai_escalation' : 'user_request',
      customer: { name: `Chaos Customer ${number}` },
      transcript: [{ role: 'customer', body: 'I need a person' }],
    });
    if (requested.status !== 201 && requested.status !== 200) throw this.unexpected('POST /handovers', requested);
    record.handoverId = requested.body.handover.id as string;
    await sleep(pauseMs);

    // While the handover is active, customer messages go to humans.
    // (Unless a fault held it up past the ladder's fallback: then the AI has the conversation again, and no
    // claim may succeed after it.)
    const waiting = await this.customerMessage(record, `${conversationId}-c1`);
    const fellBack = waiting.routedTo === 'ai';
    if (!fellBack) this.expectHuman(record, waiting, 'while pending');
    if (plan === 'ladder') {
      record.done = true;
      return;
    }
    await sleep(pauseMs);

    const claimed = await this.client.request('claim', 'POST', `/handovers/${record.handoverId}/claim`, { cookie: agent.cookie }, {});
    if (claimed.status === 409 && claimed.body?.error?.code === 'handover_ended') {
      // The ladder fell back before the claim got through (a fault held the claim up): the handover is missed.
      record.claim = 'lost_to_ladder';
      record.done = true;
      return;
    }
    if (claimed.status === 409 && claimed.body?.error?.code === 'already_claimed' && claimed.body.error.details?.assignee?.id === agent.memberId) {
      // The agent's own earlier attempt (unanswered: 503 or a dead process) won, and the retry is told it lost to
      // itself. Wrong (a repeated claim must answer 200), but the agent does have the handover: carry on.
      record.anomalies.push(
        `a repeated claim by the member who holds the handover answered 409 already_claimed naming that member (after ${claimed.unansweredBefore} unanswered attempts)`,
      );
    } else if (claimed.status !== 200) {
      throw this.unexpected('claim', claimed);
    }
    record.claim = 'acked';
    if (fellBack) record.anomalies.push('a claim was acknowledged after a customer message had been routed to the AI (the handover had ended)');

    for (let round = 1; round <= rounds; round += 1) {
      await sleep(pauseMs);
      const answer = await this.customerMessage(record, `${conversationId}-c${round + 1}`);
      this.expectHuman(record, answer, `in round ${round}`);
      await sleep(pauseMs);
      await this.agentMessage(record, agent, `${conversationId}-a${round}`);
    }
    await sleep(pauseMs);

    const ended = await this.client.request('end', 'POST', `/handovers/${record.handoverId}/end`, { cookie: agent.cookie }, { outcome: 'resolved' });
    if (ended.status === 200) {
      record.end = 'acked';
    } else if (ended.status === 409 && ended.body?.error?.code === 'handover_ended' && ended.unansweredBefore > 0) {
      // An earlier attempt was not answered (503, or its process died) but took effect: it is ended.
      record.end = 'ambiguous';
    } else {
      throw this.unexpected('end', ended);
    }
    await sleep(pauseMs);

    // The AI has the conversation again.
    const after = await this.customerMessage(record, `${conversationId}-c${rounds + 2}`);
    if (after.routedTo !== 'ai') record.anomalies.push(`a customer message after the acknowledged End was routed to ${after.routedTo} (${after.handoverId})`);
    record.done = true;
  }

  private async customerMessage(record: LoadHandover, clientMessageId: string): Promise<{ routedTo: string; handoverId: string | null }> {
    const body = `customer says ${clientMessageId}`;
    const answer = await this.client.request('customer message', 'POST', `/conversations/${record.conversationId}/messages`, { apiKey: this.apiKey }, {
      body,
      clientMessageId,
    });
    if (answer.status !== 202) throw this.unexpected('customer message', answer);
    const handoverId = (answer.body.handoverId as string | null) ?? null;
    this.messages.push({
      conversationId: record.conversationId,
      sender: 'customer',
      clientMessageId,
      body,
      handoverId: answer.body.routedTo === 'human' ? handoverId : null,
      messageId: answer.body.messageId as string,
      episode: this.episode,
      ackedAt: this.clock(),
    });
    return { routedTo: answer.body.routedTo as string, handoverId };
  }

  private async agentMessage(record: LoadHandover, agent: Agent, clientMessageId: string): Promise<void> {
    const body = `agent answers ${clientMessageId}`;
    const answer = await this.client.request('agent message', 'POST', `/handovers/${record.handoverId}/messages`, { cookie: agent.cookie }, {
      body,
      clientMessageId,
    });
    if (answer.status !== 202) throw this.unexpected('agent message', answer);
    this.messages.push({
      conversationId: record.conversationId,
      sender: 'agent',
      clientMessageId,
      body,
      handoverId: record.handoverId,
      messageId: answer.body.messageId as string,
      episode: this.episode,
      ackedAt: this.clock(),
    });
    record.agentMessages.push(clientMessageId);
  }

  private expectHuman(record: LoadHandover, answer: { routedTo: string; handoverId: string | null }, when: string): void {
    if (answer.routedTo !== 'human' || answer.handoverId !== record.handoverId) {
      record.anomalies.push(`a customer message ${when} was routed to ${answer.routedTo} (${answer.handoverId}), not to handover ${record.handoverId}`);
    }
  }

  private unexpected(what: string, answer: { status: number; body: any }): Error {
    return new Error(`${what} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
}
