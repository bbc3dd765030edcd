/**
 * Which faults fire for a request, and where they end its pipeline. Each configured (pay only)
 * and `X-Mock-Fault` fault rolls its rate once per request; a terminal fault ends the pipeline
 * at its point, the rate limiter at `app`. Mangling faults act later, on the finished answer.
 */
import { isTerminal, type FaultSpec } from './faults.ts';
import type { CallContext } from './pay-context.ts';
import type { PipelineEnd, PointHook } from './pipeline.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { FaultPoint } from './step-names.ts';

export const NO_FAULTS: readonly FaultSpec[] = [];

export interface FaultFiring {
  /** The faults that fire for this request: the configured ones first, then the request's. */
  fire(configured: readonly FaultSpec[], requested: readonly FaultSpec[]): readonly FaultSpec[];
  /** The pipeline's hook for the fired faults and the rate limiter; undefined when neither can end it. */
  hook<C extends CallContext>(active: readonly FaultSpec[]): PointHook<C> | undefined;
}

export function createFaultFiring(random: () => number, limiter: RateLimiter | undefined): FaultFiring {
  return {
    fire(configured, requested) {
      if (configured.length === 0 && requested.length === 0) return NO_FAULTS;
      const out: FaultSpec[] = [];
      for (const list of [configured, requested]) {
        for (const fault of list) if (fault.rate >= 1 || random() < fault.rate) out.push(fault);
      }
      return out;
    },
    hook<C extends CallContext>(active: readonly FaultSpec[]): PointHook<C> | undefined {
      if (active.length === 0 && !limiter) return undefined;
      return (point: FaultPoint, ctx: C): PipelineEnd | undefined => {
        if (point === 'app' && limiter && ctx.app && !limiter.take(ctx.app.appId)) {
          return { kind: 'answer', answer: { code: 5002, reason: `rate limit for ${ctx.app.appId} exceeded` } };
        }
        for (const fault of active) {
          if (fault.at !== point || !isTerminal(fault.kind)) continue;
          if (fault.kind === 'system-error') return { kind: 'answer', answer: { code: 5001, reason: 'injected system error' } };
          if (fault.kind === 'rate-limited') return { kind: 'answer', answer: { code: 5002, reason: 'injected rate limit' } };
          return { kind: 'fault', fault: fault.kind };
        }
        return undefined;
      };
    },
  };
}
