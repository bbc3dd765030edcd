/**
 * k6's execution segments (`--execution-segment 1/4:1/2`, `--execution-segment-sequence
 * 0,1/4,1/2,1`): the share of a run's arrivals one runner takes, so that runners started with the
 * segments of one sequence together make exactly the whole run — the way the k6-operator splits a
 * TestRun over `parallelism` runners. The in-repo executor takes the same flags; `paycheck load
 * merge` reads the segments back from the summaries and refuses overlaps. Fractions are exact
 * (integer numerator and denominator), never floating point.
 */

export interface Fraction {
  n: number;
  d: number;
}

export interface ExecutionSegment {
  from: Fraction;
  to: Fraction;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

function fraction(text: string, what: string): Fraction {
  const t = text.trim();
  const decimal = /^(0|1)(?:\.(\d{1,6}))?$/.exec(t);
  if (decimal) {
    const digits = decimal[2] ?? '';
    return reduce({ n: Number(decimal[1] + digits), d: 10 ** digits.length });
  }
  const ratio = /^(\d{1,6})(?:\/(\d{1,6}))?$/.exec(t);
  if (!ratio) throw new RangeError(`${what}: "${text}" is not a fraction between 0 and 1 (0, 1/4, 0.25, 1)`);
  const f = { n: Number(ratio[1]), d: ratio[2] === undefined ? 1 : Number(ratio[2]) };
  if (f.d === 0 || f.n > f.d) throw new RangeError(`${what}: "${text}" is not a fraction between 0 and 1`);
  return reduce(f);
}

function reduce(f: Fraction): Fraction {
  const g = gcd(f.n, f.d) || 1;
  return { n: f.n / g, d: f.d / g };
}

const less = (a: Fraction, b: Fraction): boolean => a.n * b.d < b.n * a.d;
const same = (a: Fraction, b: Fraction): boolean => a.n * b.d === b.n * a.d;
const show = (f: Fraction): string => (f.n === 0 ? '0' : f.d === 1 ? String(f.n) : `${f.n}/${f.d}`);

/** `0:1/2`, `1/2:1`, `0.25:0.5`; k6 also reads a lone `1/2` as `0:1/2`. */
export function parseSegment(text: string): ExecutionSegment {
  const parts = text.split(':');
  if (parts.length > 2) throw new RangeError(`--execution-segment: "${text}" is not FROM:TO (e.g. 0:1/2)`);
  const [from, to] = parts.length === 1 ? [{ n: 0, d: 1 }, fraction(parts[0], '--execution-segment')] : parts.map((p) => fraction(p, '--execution-segment'));
  if (!less(from, to)) throw new RangeError(`--execution-segment: "${text}" is empty: FROM must be below TO`);
  return { from, to };
}

/** `0,1/4,1/2,1`: consecutive points from 0 to 1. */
export function parseSequence(text: string): Fraction[] {
  const points = text.split(',').map((p) => fraction(p, '--execution-segment-sequence'));
  if (points.length < 2 || !same(points[0], { n: 0, d: 1 }) || !same(points.at(-1)!, { n: 1, d: 1 })) {
    throw new RangeError(`--execution-segment-sequence: "${text}" must run from 0 to 1 (e.g. 0,1/2,1)`);
  }
  for (let i = 1; i < points.length; i++) if (!less(points[i - 1], points[i])) throw new RangeError(`--execution-segment-sequence: "${text}" must rise`);
  return points;
}

export const segmentText = (s: ExecutionSegment): string => `${show(s.from)}:${show(s.to)}`;
export const WHOLE_RUN: ExecutionSegment = { from: { n: 0, d: 1 }, to: { n: 1, d: 1 } };

/**
 * Which arrivals are this runner's: they are dealt in blocks of D (the common denominator of the
 * sequence, or of the segment), arrival k of a block going to the segment that holds k/D. So the
 * runners of one sequence take every arrival exactly once, each its exact share of every block.
 */
export function arrivalFilter(segment: ExecutionSegment, sequence?: readonly Fraction[]): (arrival: number) => boolean {
  const { d, first, end } = blockOf(segment, sequence);
  return (arrival) => {
    const slot = arrival % d;
    return slot >= first && slot < end;
  };
}

/** The index of the run's first arrival that is this segment's (as `arrivalFilter` deals them): a run needs one more arrival than this before the runner has any. */
export function firstArrivalOf(segment: ExecutionSegment, sequence?: readonly Fraction[]): number {
  return blockOf(segment, sequence).first;
}

/** The block arrivals are dealt in (`d`) and the segment's places `[first, end)` in each. */
function blockOf(segment: ExecutionSegment, sequence: readonly Fraction[] | undefined): { d: number; first: number; end: number } {
  if (sequence !== undefined && !(sequence.some((p) => same(p, segment.from)) && sequence.some((p) => same(p, segment.to)))) {
    throw new RangeError(`--execution-segment ${segmentText(segment)} is not a segment of the sequence ${sequence.map(show).join(',')}`);
  }
  const d = [...(sequence ?? []), segment.from, segment.to].reduce((m, f) => lcm(m, f.d), 1);
  return { d, first: (segment.from.n * d) / segment.from.d, end: (segment.to.n * d) / segment.to.d };
}

/** The segments' total share, or why they cannot be one run: overlapping, or not in one sequence. */
export function coverage(segments: readonly ExecutionSegment[]): { share: Fraction; overlap?: string } {
  const sorted = [...segments].sort((a, b) => (less(a.from, b.from) ? -1 : less(b.from, a.from) ? 1 : 0));
  let share: Fraction = { n: 0, d: 1 };
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    if (i > 0 && less(s.from, sorted[i - 1].to)) return { share, overlap: `${segmentText(sorted[i - 1])} and ${segmentText(s)} overlap` };
    share = reduce({ n: share.n * s.to.d * s.from.d + (s.to.n * s.from.d - s.from.n * s.to.d) * share.d, d: share.d * s.to.d * s.from.d });
  }
  return { share };
}

export const isWhole = (f: Fraction): boolean => f.n === f.d;
export const fractionText = show;
