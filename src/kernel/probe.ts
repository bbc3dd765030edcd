/**
 * `X-Paycheck-Probe`: the mark paycheck puts on a request it spoils on purpose — the preflight's
 * lookup with a spoiled sign, the contract suite's negative cases, the fuzzer's faults — naming the
 * fault (or faults) the request is built to be refused with. A proxy in front of the target still
 * forwards, judges and journals such a request, but does not charge the declared fault to the
 * cashier it judges: the request is paycheck's, not the cashier's (docs/proxy.md). Any other
 * server ignores an unknown header. Runtime-neutral.
 */
import type { FaultClass } from './codes.ts';

export const PROBE_HEADER = 'X-Paycheck-Probe';

/** The faults a request can be refused with before any order is touched: the flowchart's first four steps. */
export type ProbeFault = Extract<FaultClass, 'missing' | 'format' | 'appId' | 'signature'>;

const PROBE_FAULTS: readonly ProbeFault[] = ['missing', 'format', 'appId', 'signature'];

/** The header for a request built to be refused with one of `faults`. */
export function probeHeader(...faults: readonly ProbeFault[]): Record<string, string> {
  return { [PROBE_HEADER]: faults.join(', ') };
}

/** Whether `fault` is one a probe can declare (a contract expectation's fault may be another, e.g. a repeat). */
export function isProbeFault(fault: FaultClass): fault is ProbeFault {
  return (PROBE_FAULTS as readonly string[]).includes(fault);
}

/**
 * The faults a request's header declares: undefined without the header. A value that names no
 * fault of the list declares nothing (an empty set), so a garbled mark excuses nothing.
 */
export function readProbe(value: string | readonly string[] | undefined): ReadonlySet<ProbeFault> | undefined {
  if (value === undefined) return undefined;
  const words = (typeof value === 'string' ? [value] : value).flatMap((v) => v.split(',')).map((w) => w.trim());
  return new Set(words.filter((w): w is ProbeFault => (PROBE_FAULTS as readonly string[]).includes(w)));
}

/** Whether a request marked `probe` is excused the fault it was refused with: only a fault it declared. */
export function excusedBy(probe: ReadonlySet<ProbeFault> | undefined, fault: FaultClass): fault is ProbeFault {
  return probe !== undefined && isProbeFault(fault) && probe.has(fault);
}
