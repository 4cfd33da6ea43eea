// Requesting a handover, one at a time with nothing else running: the 201, when the handover shows on an agent's
// stream, and when the AI service's first webhook of it arrives. Then the claim race: `contenders` members take
// over the same handover at once; exactly one must win.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { BaselineDriver } from '../baseline-driver.ts';
import { requestHandover, type Bench, type StartedHandover } from '../setup.ts';
import { summarize, waitUntil, type Summary } from '../stats.ts';

export interface StartResults {
  count: number;
  created: Summary;
  onStream: Summary;
  firstWebhook: Summary;
  neverOnStream: number;
  neverWebhook: number;
}

export async function measureStarts(bench: Bench): Promise<{ results: StartResults; handovers: StartedHandover[] }> {
  const { arrivals, options } = bench;
  for (let index = 0; index < options.warmup; index += 1) await requestHandover(bench, `bench-${bench.runId}-warmup-${index}`);
  const sent: { handover: StartedHandover; at: number; answeredAt: number }[] = [];
  for (let index = 0; index < options.starts; index += 1) {
    const at = performance.now();
    const handover = await requestHandover(bench, `bench-${bench.runId}-start-${index}`);
    sent.push({ handover, at, answeredAt: performance.now() });
  }
  await waitUntil(
    () => sent.every(({ handover }) => arrivals.handoverOnStream.has(handover.id) && arrivals.firstWebhook.has(handover.id)),
    options.drainMs,
  );
  const since = (map: Map<string, number>) =>
    sent.flatMap(({ handover, at }) => (map.has(handover.id) ? [(map.get(handover.id) as number) - at] : []));
  const onStream = since(arrivals.handoverOnStream);
  const firstWebhook = since(arrivals.firstWebhook);
  return {
    results: {
      count: sent.length,
      created: summarize(sent.map(({ at, answeredAt }) => answeredAt - at)),
      onStream: summarize(onStream),
      firstWebhook: summarize(firstWebhook),
      neverOnStream: sent.length - onStream.length,
      neverWebhook: sent.length - firstWebhook.length,
    },
    handovers: sent.map(({ handover }) => handover),
  };
}

export interface ClaimResults {
  rounds: number;
  contenders: number;
  winner: Summary;
  losers: Summary;
  /** Rounds with exactly one 200 and every other answer 409 already_claimed. */
  cleanRounds: number;
  otherAnswers: string[];
  /** Every round trip of every round, in milliseconds (the shape of the tail). */
  samples: number[][];
}

export async function measureClaimRace(bench: Bench, pending: StartedHandover[]): Promise<ClaimResults> {
  const { options } = bench;
  const contenders = bench.agents.slice(0, options.contenders);
  const winner: number[] = [];
  const losers: number[] = [];
  const otherAnswers: string[] = [];
  const samples: number[][] = [];
  let cleanRounds = 0;
  const rounds = Math.min(options.claimRounds, pending.length);
  for (let round = 0; round < rounds; round += 1) {
    const handover = pending[round] as StartedHandover;
    const answers = await Promise.all(
      contenders.map(async (agent) => {
        const begin = performance.now();
        const answer = await agent.client.post(`/handovers/${handover.id}/claim`);
        return { status: answer.status, code: answer.body?.error?.code as string | undefined, ms: performance.now() - begin };
      }),
    );
    const won = answers.filter((answer) => answer.status === 200);
    const lost = answers.filter((answer) => answer.status === 409 && answer.code === 'already_claimed');
    samples.push(answers.map((answer) => Math.round(answer.ms)).sort((a, b) => a - b));
    for (const answer of won) winner.push(answer.ms);
    for (const answer of lost) losers.push(answer.ms);
    for (const answer of answers) if (answer.status !== 200 && !(answer.status === 409 && answer.code === 'already_claimed')) otherAnswers.push(`${answer.status} ${answer.code ?? ''}`);
    if (won.length === 1 && lost.length === contenders.length - 1) cleanRounds += 1;
  }
  return { rounds, contenders: contenders.length, winner: summarize(winner), losers: summarize(losers), cleanRounds, otherAnswers, samples };
}

/** The same race on the baseline: `contenders` claim Updates at once on a fresh baseline workflow. */
export async function measureBaselineClaimRace(bench: Bench, driver: BaselineDriver): Promise<ClaimResults> {
  const { options } = bench;
  const winner: number[] = [];
  const losers: number[] = [];
  const otherAnswers: string[] = [];
  const samples: number[][] = [];
  let cleanRounds = 0;
  const contenders = bench.agents.slice(0, options.contenders);
  for (let round = 0; round < options.claimRounds; round += 1) {
    const workflowId = `bench-${bench.runId}-baseline-claim-${round}`;
    await driver.start(workflowId);
    const answers = await Promise.all(
      contenders.map(async (agent) => {
        const begin = performance.now();
        try {
          await driver.claim(workflowId, agent.member.id);
          return { outcome: 'won', ms: performance.now() - begin };
        } catch (error) {
          const lost = error instanceof WorkflowUpdateFailedError;
          return { outcome: lost ? 'lost' : String(error), ms: performance.now() - begin };
        }
      }),
    );
    samples.push(answers.map((answer) => Math.round(answer.ms)).sort((a, b) => a - b));
    for (const answer of answers) {
      if (answer.outcome === 'won') winner.push(answer.ms);
      else if (answer.outcome === 'lost') losers.push(answer.ms);
      else otherAnswers.push(answer.outcome);
    }
    const won = answers.filter((answer) => answer.outcome === 'won').length;
    const lost = answers.filter((answer) => answer.outcome === 'lost').length;
    if (won === 1 && lost === contenders.length - 1) cleanRounds += 1;
  }
  return { rounds: options.claimRounds, contenders: contenders.length, winner: summarize(winner), losers: summarize(losers), cleanRounds, otherAnswers, samples };
}
