/** Masking for report text: every pay code that was sent, wherever it shows up (D: nothing secret printed). */
import { maskPayCode } from './redact.ts';

/** The pay codes in a request body (only `pay_code` carries one). */
export function payCodesOf(json: unknown): string[] {
  const code = (json as { pay_code?: unknown } | null)?.pay_code;
  return typeof code === 'string' && code !== '' ? [code] : [];
}

export function maskPayCodesIn(text: string, codes: readonly string[]): string {
  let out = text;
  for (const code of codes) out = out.split(code).join(maskPayCode(code));
  return out;
}
