/**
 * Faults, as data. One grammar for the `X-Mock-Fault` header and the global `--faults` /
 * `MOCK_FAULTS` setting: a comma-separated list of `kind[@point][:rate]`, e.g.
 * `http-503`, `reset@order`, `hang:0.05`. `rate` (0–1, default 1) is the chance the fault fires.
 */
import { SPOILING_FAULTS } from '../kernel/journal-entry.ts';
import { MockControlError } from './control-error.ts';
import { FAULT_POINTS, type FaultPoint } from './step-names.ts';

/** Faults that end the request at their point. */
const TERMINAL = {
  'http-500': 'received',
  'http-502': 'received',
  'http-503': 'received',
  'system-error': 'received',
  'rate-limited': 'app',
  reset: 'result',
  hang: 'result',
} as const satisfies Record<string, FaultPoint>;

/**
 * Faults that spoil whatever answer the pipeline produced; they have no point. Defined beside the
 * journal entry, whose readers (`paycheck audit`) count such an answer as never read.
 */
const MANGLING = SPOILING_FAULTS;

export type TerminalFaultKind = keyof typeof TERMINAL;
type ManglingFaultKind = (typeof MANGLING)[number];
export type FaultKind = TerminalFaultKind | ManglingFaultKind;

export const FAULT_KINDS: readonly FaultKind[] = [...(Object.keys(TERMINAL) as TerminalFaultKind[]), ...MANGLING];

export interface FaultSpec {
  kind: FaultKind;
  /** `result` for mangling faults, which act on the final answer. */
  at: FaultPoint;
  rate: number;
}

export function isTerminal(kind: FaultKind): kind is TerminalFaultKind {
  return kind in TERMINAL;
}

const ITEM = /^([a-z0-9-]+)(?:@([a-z]+))?(?::([0-9.]+))?$/;

/** Parses the fault grammar; throws MockControlError naming `source` on anything it cannot read. */
export function parseFaults(text: string | undefined, source: string): FaultSpec[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((raw) => {
    const item = raw.trim().toLowerCase();
    const match = ITEM.exec(item);
    if (!match) throw new MockControlError(`${source}: cannot read fault "${raw.trim()}" (kind[@point][:rate])`);
    const [, kindText, pointText, rateText] = match;
    if (!(FAULT_KINDS as readonly string[]).includes(kindText)) {
      throw new MockControlError(`${source}: unknown fault "${kindText}"; known: ${FAULT_KINDS.join(', ')}`);
    }
    const kind = kindText as FaultKind;
    let at: FaultPoint = 'result';
    if (isTerminal(kind)) at = TERMINAL[kind];
    if (pointText !== undefined) {
      if (!isTerminal(kind)) throw new MockControlError(`${source}: fault "${kind}" acts on the answer and takes no @point`);
      if (!(FAULT_POINTS as readonly string[]).includes(pointText)) {
        throw new MockControlError(`${source}: unknown point "${pointText}"; known: ${FAULT_POINTS.join(', ')}`);
      }
      at = pointText as FaultPoint;
    }
    return { kind, at, rate: parseRate(rateText, source) };
  });
}

/** The `:rate` of a list item: 0–1, default 1. */
export function parseRate(text: string | undefined, source: string): number {
  const rate = text === undefined ? 1 : Number(text);
  if (!(rate >= 0 && rate <= 1)) throw new MockControlError(`${source}: rate must be between 0 and 1; got "${text}"`);
  return rate;
}

/** Added latency: fixed (`300`) or uniformly random within a range (`100-500`), in ms. */
export interface LatencySpec {
  minMs: number;
  maxMs: number;
}

const LATENCY = /^(\d{1,7})(?:-(\d{1,7}))?$/;

export function parseLatency(text: string | undefined, source: string): LatencySpec | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const match = LATENCY.exec(text.trim());
  if (!match) throw new MockControlError(`${source}: latency must be MS or MIN-MAX in ms; got "${text}"`);
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  if (maxMs < minMs) throw new MockControlError(`${source}: latency range ${minMs}-${maxMs} runs backwards`);
  return { minMs, maxMs };
}

export function pickLatency(spec: LatencySpec, random: () => number): number {
  return spec.minMs + Math.floor(random() * (spec.maxMs - spec.minMs + 1));
}
