/**
 * A call as one pipeline of named steps — for the pay call the flowchart's presence → format →
 * app → signature → order → discount → channel → result; for the lifecycle calls presence →
 * format → app → signature → result. Faults and the rate limiter plug in at named points
 * (`received`, or right after a step); a point is reached when the pipeline gets past it, and
 * `result` always is.
 */
import type { TerminalFaultKind } from './faults.ts';
import type { Answer, CallContext, PayContext, Step } from './pay-context.ts';
import type { FaultPoint } from './step-names.ts';

export type PipelineEnd = { kind: 'answer'; answer: Answer } | { kind: 'fault'; fault: TerminalFaultKind };

/** Called at each point; a non-undefined value ends the request there. */
export type PointHook<C extends CallContext = PayContext> = (point: FaultPoint, ctx: C) => PipelineEnd | undefined;

export function runPipeline<C extends CallContext>(steps: readonly Step<C>[], ctx: C, atPoint: PointHook<C> | undefined): PipelineEnd {
  const received = atPoint?.('received', ctx);
  if (received) return received;
  for (const step of steps) {
    const answer = step.run(ctx);
    const hooked = atPoint?.(step.name, ctx);
    if (hooked) return hooked;
    if (answer) {
      const late = step.name === 'result' ? undefined : atPoint?.('result', ctx);
      return late ?? { kind: 'answer', answer };
    }
  }
  throw new Error('the pipeline ended without an answer: the result step must always answer');
}
