/**
 * Every numeric setting's allowed values, as data, and the one reader that holds a value to its
 * range — for the command line's flags and environment variables (src/cli/commands.ts names a
 * range per flag) and for the options the engine and the mock server take from code. A value out
 * of range is refused with a message that states the range; never wrapped, overflowed or ignored
 * (a `--slow-ms` past setTimeout's ceiling used to fire at once). Runtime-neutral.
 */

export interface NumberRange {
  readonly min: number;
  /** `min` itself is out: a scale must be above 0. */
  readonly aboveMin?: boolean;
  readonly max: number;
  readonly whole: boolean;
}

/** setTimeout's ceiling, 2³¹ − 1 ms (24.8 days): a longer delay fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const RANGES = {
  port: { min: 0, max: 65_535, whole: true },
  /** A port another process must find at a known number: 0 (any free port) would not do. */
  fixedPort: { min: 1, max: 65_535, whole: true },
  /** A delay the mock waits out on a timer. */
  delayMs: { min: 0, max: MAX_TIMER_MS, whole: true },
  /** A timeout on a timer; 0 would mean none to Node, so at least 1 ms. */
  timeoutMs: { min: 1, max: MAX_TIMER_MS, whole: true },
  /** About 380 bytes of heap an order: 10 million is near 4 GB. */
  storeCap: { min: 2, max: 10_000_000, whole: true },
  /** Its columns are allocated whole at start (88 bytes a slot: eight references, two doubles, two ints): 1 000 000 slots is ~84 MiB. */
  journalCap: { min: 1, max: 1_000_000, whole: true },
  /** What the mock holds of one body; a valid request needs 512 KiB at most. */
  bodyLimit: { min: 1, max: 64 * 1024 * 1024, whole: true },
  connections: { min: 1, max: 1_000_000, whole: true },
  /** The seeded faker's seed: 32 bits, beyond which seeds would share their data. */
  seed: { min: 0, max: 2 ** 32 - 1, whole: true },
  /** `paycheck gen --count`. */
  count: { min: 1, max: 100_000, whole: true },
  /** The mock's callback waits may be shortened only. */
  callbackTimeScale: { min: 0, aboveMin: true, max: 1, whole: false },
  /** The cashier's (and the audit's) waits and bounds, × F. */
  timeScale: { min: 0, aboveMin: true, max: 1_000, whole: false },
  /** A load profile's stages, × F: the soak's hour × 100 still fits a timer. */
  durationScale: { min: 0, aboveMin: true, max: 100, whole: false },
  /** The mock's token bucket: tokens a second, and its burst. */
  ratePerSecond: { min: 0, aboveMin: true, max: 1_000_000, whole: false },
  burst: { min: 1, max: 1_000_000, whole: true },
} as const satisfies Record<string, NumberRange>;

/** `a whole number from 0 to 65535`, `a number above 0 and at most 1`. */
export function describeRange(range: NumberRange): string {
  const kind = range.whole ? 'a whole number' : 'a number';
  return range.aboveMin ? `${kind} above ${range.min} and at most ${range.max}` : `${kind} from ${range.min} to ${range.max}`;
}

function isInRange(value: number, range: NumberRange): boolean {
  return (range.whole ? Number.isSafeInteger(value) : Number.isFinite(value)) && (range.aboveMin ? value > range.min : value >= range.min) && value <= range.max;
}

// Plain decimal digits only: no sign, exponent, hex or blank, which Number() would all accept.
const WHOLE = /^\d+$/;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A setting's text as a number in its range; else a RangeError naming the setting, the range and the text. */
export function readNumber(text: string, range: NumberRange, name: string): number {
  const value = (range.whole ? WHOLE : DECIMAL).test(text) ? Number(text) : NaN;
  if (!isInRange(value, range)) throw new RangeError(`${name} must be ${describeRange(range)}; got "${text}"`);
  return value;
}

/** An option given in code, held to its range; a RangeError naming it otherwise. */
export function checkNumber(value: number, range: NumberRange, name: string): number {
  if (!isInRange(value, range)) throw new RangeError(`${name} must be ${describeRange(range)}; got ${value}`);
  return value;
}
