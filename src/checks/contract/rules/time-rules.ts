/**
 * The lifecycle answers' times (`YYYY-MM-DD HH:mm:ss`, D-43): the schema checks the pattern, these
 * rules that each is a real calendar time and that an order's times come in order. Same-shaped
 * strings compare as text in time order.
 */
import { shown, type Finding } from '../finding.ts';
import { type Rule } from '../check-context.ts';
import { asRecord, lifecycleData, type JsonObject } from '../answer-data.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';

const TIME_FIELDS = ['create_time', 'pay_time', 'refund_time', 'update_time', 'check_time'] as const;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Every time in an answer, with its path (refund_list entries included). */
function timesOf(data: JsonObject): [string, unknown][] {
  const out: [string, unknown][] = TIME_FIELDS.filter((k) => data[k] !== undefined).map((k) => [`$.data.${k}`, data[k]]);
  (Array.isArray(data.refund_list) ? data.refund_list : []).forEach((e, i) => out.push([`$.data.refund_list[${i}].refund_time`, asRecord(e)?.refund_time]));
  return out;
}

export function isCalendarTime(text: string): boolean {
  const m = SHAPE.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s;
}

export const timeFormat: Rule = {
  name: 'time-format',
  check(ctx) {
    const data = lifecycleData(ctx);
    // A time not of the shape is the schema's to report.
    const times = data ? timesOf(data).filter(([, v]) => typeof v === 'string' && SHAPE.test(v)) : [];
    if (times.length === 0) return undefined;
    return times.filter(([, v]) => !isCalendarTime(v as string)).map(([path, v]): Finding => ({
      rule: 'time-format', path, expected: 'a real calendar time, YYYY-MM-DD HH:mm:ss', actual: shown(v),
      message: `${path} has the right shape but is no time on the calendar`, severity: 'error',
    }));
  },
};

export const timeOrder: Rule = {
  name: 'time-order',
  check(ctx) {
    const data = ctx.call === API_PATHS.get ? lifecycleData(ctx) : undefined;
    if (!data) return undefined;
    const at = (v: unknown) => (typeof v === 'string' && isCalendarTime(v) ? v : undefined);
    const [created, paid, updated] = [at(data.create_time), at(data.pay_time), at(data.update_time)];
    const findings: Finding[] = [];
    const notBefore = (path: string, later: string | undefined, earlier: string | undefined, what: string) => {
      if (later !== undefined && earlier !== undefined && later < earlier) {
        findings.push({ rule: 'time-order', path, expected: `not before ${what} ${earlier}`, actual: later, message: `${path} comes before ${what}`, severity: 'error' });
      }
    };
    notBefore('$.data.pay_time', paid, created, 'create_time');
    notBefore('$.data.update_time', updated, paid ?? created, paid ? 'pay_time' : 'create_time');
    for (const [path, v] of timesOf(data).filter(([p]) => p.includes('refund'))) {
      notBefore(path, at(v), paid, 'pay_time');
      notBefore('$.data.update_time', updated, at(v), path.slice(7));
    }
    return findings;
  },
};
