/** Test double for `k6/execution`: the iteration number the test sets. */
import { k6State } from './k6-state.ts';

export default {
  scenario: {
    get iterationInTest(): number {
      return k6State.iterationInTest;
    },
  },
};
