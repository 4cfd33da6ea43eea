// The sizes of a benchmark run: the full run, `--quick` (about a minute), and overrides such as `--rate=30`.

export interface BenchOptions {
  quick: boolean;
  /** Write docs/benchmarks.md (the full run does unless --no-docs; --quick only with --docs). */
  writeDocs: boolean;
  /** Run the product process under --cpu-prof and summarise the profile. */
  profile: boolean;
  /** Agents with a console session reading the live stream; the live handovers are claimed by them in turn. */
  streamAgents: number;
  /** Members who try to claim the same handover at once. */
  contenders: number;
  claimRounds: number;
  /** Sequential POST /handovers, after `warmup` unmeasured ones. */
  starts: number;
  warmup: number;
  /** Claimed handovers that messages are spread over (N). */
  liveHandovers: number;
  /** Messages a second offered open-loop, half customer and half agent. */
  rate: number;
  relaySeconds: number;
  saturationMessages: number;
  saturationInFlight: number;
  lifecycles: number;
  lifecycleInFlight: number;
  /** Messages each way in one lifecycle (k). */
  lifecycleMessages: number;
  /** Handovers requested, claimed and ended, each request type on its own, `operationsInFlight` at a time. */
  operations: number;
  operationsInFlight: number;
  /** Open handovers at which the product's memory is read. */
  openHandovers: number;
  /** Messages into one handover, to cross continue-as-new; every `longAgentEvery`-th is the agent's. */
  longMessages: number;
  longAgentEvery: number;
  longInFlight: number;
  pgCommits: number;
  /** How long to wait for what was sent to arrive before counting it as never arrived. */
  drainMs: number;
}

const full: Omit<BenchOptions, 'quick' | 'writeDocs' | 'profile'> = {
  streamAgents: 10,
  contenders: 20,
  claimRounds: 5,
  starts: 50,
  warmup: 5,
  liveHandovers: 100,
  rate: 20,
  relaySeconds: 30,
  saturationMessages: 1500,
  saturationInFlight: 64,
  lifecycles: 50,
  lifecycleInFlight: 10,
  lifecycleMessages: 3,
  operations: 100,
  operationsInFlight: 10,
  openHandovers: 1000,
  longMessages: 5000,
  // One handover's webhooks go out one at a time (about 15 a second here): a tenth from the agent keeps the run short.
  longAgentEvery: 10,
  longInFlight: 20,
  pgCommits: 500,
  drainMs: 60_000,
};

const quick: typeof full = {
  ...full,
  streamAgents: 5,
  claimRounds: 2,
  starts: 15,
  warmup: 3,
  liveHandovers: 30,
  relaySeconds: 5,
  saturationMessages: 400,
  lifecycles: 8,
  lifecycleInFlight: 4,
  operations: 30,
  openHandovers: 100,
  longMessages: 400,
  pgCommits: 200,
  drainMs: 30_000,
};

/** `--quick`, `--profile`, `--docs`/`--no-docs`, and `--name=value` for any size above (e.g. `--rate=30`). */
export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Set(argv.filter((arg) => !arg.includes('=')));
  for (const flag of flags) {
    if (!['--quick', '--profile', '--docs', '--no-docs'].includes(flag)) throw new Error(`unknown option ${flag}`);
  }
  const isQuick = flags.has('--quick');
  const sizes: Record<string, number> = { ...(isQuick ? quick : full) };
  for (const arg of argv.filter((value) => value.includes('='))) {
    const [name = '', value = ''] = arg.replace(/^--/, '').split('=');
    if (!(name in sizes) || !Number.isFinite(Number(value))) throw new Error(`unknown or bad option ${arg}`);
    sizes[name] = Number(value);
  }
  return {
    ...(sizes as typeof full),
    quick: isQuick,
    profile: flags.has('--profile'),
    writeDocs: flags.has('--docs') || (!isQuick && !flags.has('--no-docs')),
  };
}
