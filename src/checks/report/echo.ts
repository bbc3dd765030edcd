/**
 * What a report echoes of a request or an answer is bounded: a target answering 10 MB must not
 * make a 10 MB report line (docs/limits.md). The text is masked whole first, so a cut can never
 * leave part of a secret or a pay code behind, then cut on a UTF-8 boundary.
 */
import type { Mask } from '../../kernel/redaction/mask.ts';

/** The most of one request or answer body a report shows, in bytes of UTF-8. */
export const ECHO_LIMIT_BYTES = 4096;

/** `text` masked and, past {@link ECHO_LIMIT_BYTES}, cut, with the full size: `{"code":1000,"msg":"支支… (10 485 781 bytes, first 4 094 shown)`. */
export function echoed(text: string, mask: Mask): string {
  const { shown, cut } = echoParts(text, mask);
  return cut === undefined ? shown : `${shown}${cut}`;
}

/** {@link echoed} in two parts, the text shown and what says it was cut, for a reader that lays them out apart. */
export function echoParts(text: string, mask: Mask): { shown: string; cut?: string } {
  const shown = mask(text);
  let bytes = 0;
  let end = 0;
  for (const char of shown) {
    const width = utf8Length(char);
    if (bytes + width > ECHO_LIMIT_BYTES) return { shown: shown.slice(0, end), cut: `… (${grouped(utf8Length(text))} bytes, first ${grouped(bytes)} shown)` };
    bytes += width;
    end += char.length;
  }
  return { shown };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `10485760` → `10 485 760`. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
