/**
 * Amounts as integer fen (分). Parsing works on the decimal text, never on float arithmetic. The
 * one float is `yuanNumber`, the JSON number an answer shows: a display conversion, never
 * computed on.
 * The cap equals `maximum` of RequestAmount in openapi.yaml; a test keeps the two in step.
 */
export type Fen = number;

/** ¥1,000,000.00 */
export const MAX_AMOUNT_FEN: Fen = 100_000_000;

/** No cap but exactness: the largest amount whose fen are a safe integer. */
export const NO_CAP: Fen = Number.MAX_SAFE_INTEGER;

export type AmountResult = { ok: true; fen: Fen } | { ok: false; reason: string };

const DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;

/**
 * Reads a yuan amount as the documents show it: `"11.00"`, `11`, `11.5`, or the JSON number
 * `11.00` (which arrives as 11). Rejects more than two decimals, zero or less, non-numbers,
 * exponents and amounts above the cap, each with a reason. The cap is paycheck's own limit of a
 * request's total (D-6); an answer is read against `maxFen: NO_CAP`, since a server that takes a
 * larger order answers with larger amounts.
 */
export function parseAmount(value: unknown, { allowZero = false, maxFen = MAX_AMOUNT_FEN } = {}): AmountResult {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: 'amount is not a finite number' };
    if (Object.is(value, -0) || value < 0) return { ok: false, reason: 'amount is negative' };
    // The shortest round-trip form: 11.5 → "11.5"; 1e21 and 1e-7 keep their exponent and fail below.
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return { ok: false, reason: `amount must be a string or a number, not ${value === null ? 'null' : typeof value}` };
  }
  if (text.startsWith('-')) return { ok: false, reason: 'amount is negative' };
  if (/[eE]/.test(text)) return { ok: false, reason: 'amount uses an exponent' };
  const match = DECIMAL.exec(text);
  if (!match) {
    if (/^[0-9]+\.[0-9]{3,}$/.test(text)) return { ok: false, reason: 'amount has more than two decimals' };
    return { ok: false, reason: `amount "${text}" is not a decimal number of yuan` };
  }
  const [, whole, cents = ''] = match;
  const fen = whole.length > String(maxFen).length ? Infinity : Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  if (fen > maxFen) return { ok: false, reason: `amount is above the cap of ${formatYuan(maxFen)}` };
  if (fen === 0 && !allowZero) return { ok: false, reason: 'amount must be greater than zero' };
  return { ok: true, fen };
}

/** 1100 → "11.00" */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  const text = String(fen).padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/**
 * 1100 → 11, 1150 → 11.5: the JSON number the API answers with. This is the one place an amount
 * becomes a float, for display only; nothing is computed on the result. The division of two
 * exact integers is correctly rounded, so it gives the double nearest to fen/100 — the very
 * double the decimal text `formatYuan(fen)` parses to (money.test.ts checks it amount by amount)
 * — without building and parsing that text three times per answer on the mock's hot path.
 */
export function yuanNumber(fen: Fen): number {
  assertFen(fen);
  return fen / 100;
}

function assertFen(fen: Fen): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
}
