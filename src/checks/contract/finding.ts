/**
 * One shape for everything the contract suite can say about a response — schema violations and
 * business-rule breaches alike. Checks return findings; they never throw.
 */
type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable name of the check that produced it (see RULES in rule-names.ts). */
  rule: string;
  /** Where in the response, as a JSON path (`$.data.pay_type`). */
  path: string;
  expected: string;
  actual: string;
  message: string;
  severity: Severity;
}

/** A value as it would read in JSON, for `expected` / `actual`. */
export function shown(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

/** `/data/voucher_list/0/amount` → `$.data.voucher_list[0].amount`. */
export function jsonPath(pointer: string): string {
  if (pointer === '') return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^[0-9]+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`))
      .join('')
  );
}
