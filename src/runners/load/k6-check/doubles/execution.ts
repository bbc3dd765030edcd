/** Test double for `k6/execution`: the iteration number the test sets. */
import { k6State } from './k6-state.ts';

export default {
  test: {
    options: {
      get executionSegment(): string | undefined {
        return k6State.executionSegment;
      },
    },
  },
  scenario: {
    get iterationInTest(): number {
      return k6State.iterationInTest;
    },
  },
};
