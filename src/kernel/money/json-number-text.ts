/**
 * Amounts arrive as JSON numbers too (D-6), and JSON.parse forgets how they were written:
 * `1E2`, `100` and `100.000` all become 100. This looks at the text itself, so a number written
 * with an exponent or more than two decimals is refused instead of silently rounded or rescaled.
 * Runtime-neutral; one pass, strings skipped.
 */

// A digit before an exponent mark, or a third decimal: the only shapes worth the full scan. Native
// and cheap, it keeps the scan off the mock's hot path for ordinary bodies.
const MAYBE_LOOSE = /[0-9][eE]|\.[0-9]{3}/;

/** The first number in a JSON text that is not a plain decimal with at most two decimals. */
export function firstLooseNumber(json: string): string | undefined {
  if (!MAYBE_LOOSE.test(json)) return undefined;
  const n = json.length;
  let i = 0;
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote, escapes included
      i++;
      while (i < n) {
        const d = json.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else {
          i++;
          if (d === 0x22) break;
        }
      }
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      let dot = -1;
      let exponent = false;
      for (i++; i < n; i++) {
        const d = json.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) continue;
        if (d === 0x2e) dot = i;
        else if (d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) exponent = true;
        else break;
      }
      if (exponent || (dot >= 0 && i - dot - 1 > 2)) return json.slice(start, i);
      continue;
    }
    i++;
  }
  return undefined;
}
