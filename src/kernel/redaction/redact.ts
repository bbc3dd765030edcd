/** Masking for logs and reports: pay codes and secrets never appear whole. */

/** `134567890123456789` → `1345**********6789` (keeps the channel prefix and the last four). */
export function maskPayCode(code: string): string {
  if (code.length <= 8) return '*'.repeat(code.length);
  return code.slice(0, 4) + '*'.repeat(code.length - 8) + code.slice(-4);
}

/** Any value under a key named like a secret, and every pay code, masked, deeply. */
export function redact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => {
    if (typeof v !== 'string') return v;
    if (key === 'pay_code') return maskPayCode(v);
    if (/secret|sercet|private_key|password/i.test(key)) return '***';
    return v;
  }) as T;
}
