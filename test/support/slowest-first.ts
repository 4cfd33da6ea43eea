// Vitest orders test files by the durations it remembers from earlier runs, and by file size when it remembers
// none, as on every CI run (a fresh clone). Size says little here: the short chaos test runs for about a minute,
// and started last it kept one of the two workers busy alone at the end of the run. These files, the slowest by
// far in every run, start first; the rest keep Vitest's order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const slowestFirst = [
  'test/chaos/chaos.test.ts',
  'test/workflows/never-hangs.test.ts',
  'test/browser/accessibility.test.ts',
  'test/api/schemathesis.test.ts',
  'test/workflows/lifecycle.test.ts',
  'test/workflows/randomized.test.ts',
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = slowestFirst.findIndex((name) => file.moduleId.endsWith(name));
      return index === -1 ? slowestFirst.length : index;
    };
    // Array sort is stable: files not named keep the order Vitest gave them.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
