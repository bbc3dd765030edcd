/**
 * Report text that reads without scrolling sideways: a viewer that wraps only at spaces (a
 * terminal, Playwright's HTML report) cannot break compact JSON or a string to sign, so reports
 * break their own lines. Only line breaks are added; every character stays.
 */

/** The widest a report line gets, in terminal columns. */
export const REPORT_WIDTH = 100;

/** Columns a character takes: two for East Asian wide ones (CJK, full-width forms), else one. */
function columns(char: string): number {
  const c = char.codePointAt(0)!;
  const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000;
  return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += columns(char);
  return width;
}

/** `text` cut into pieces of at most `width` columns, never inside a character. */
export function chunks(text: string, width: number): string[] {
  const out: string[] = [];
  let piece = '';
  let used = 0;
  for (const char of text) {
    const w = columns(char);
    if (used + w > width && piece !== '') {
      out.push(piece);
      piece = '';
      used = 0;
    }
    piece += char;
    used += w;
  }
  if (piece !== '' || out.length === 0) out.push(piece);
  return out;
}

/**
 * Each line of `text` broken to at most `width` columns: after the last `breakAfter` character
 * that fits and is not followed by a space (a `,` of compact JSON, not of prose), else at the width.
 * Prose (`breakAfter` a space) breaks at its spaces, the space ending the line.
 */
export function wrapLines(text: string, width = REPORT_WIDTH, breakAfter = ','): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const out: string[] = [];
      let rest = line;
      while (displayWidth(rest) > width) {
        const fits = chunks(rest, width)[0];
        let at = fits.lastIndexOf(breakAfter);
        while (at > 0 && rest[at + 1] === ' ') at = fits.lastIndexOf(breakAfter, at - 1);
        const cut = at > 0 ? at + 1 : fits.length;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      out.push(rest);
      return out;
    })
    .join('\n');
}
