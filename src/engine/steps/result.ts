/** Step 8, the result: the recorded order becomes the answer's code and `data`. */
import type { Code } from '../../kernel/codes.ts';
import type { OrderState } from '../order-record.ts';
import { resultData } from '../result-data.ts';
import type { Step } from '../pay-context.ts';

/** The pay call's answer for the state the channel left the order in. */
const CODE_OF: Partial<Readonly<Record<OrderState, Code>>> = { paid: 1000, paying: 1002, failed: 1001, unknown: 5001 };

export function resultStep(slowMs: number): Step {
  return {
    name: 'result',
    run(ctx) {
      const record = ctx.record!;
      const code = CODE_OF[record.state] ?? 5001;
      const delayMs = ctx.scenario!.slow ? slowMs : undefined;
      if (code === 5001) return { code, reason: 'the channel did not answer', delayMs };
      return { code, data: resultData(record), delayMs };
    },
  };
}
