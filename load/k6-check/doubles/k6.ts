/** Test double for `k6`: check() records each named result. */
import { k6State } from './k6-state.ts';

export function check<T>(value: T, sets: Record<string, (v: T) => boolean>): boolean {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    const ok = fn(value) === true;
    k6State.checks.push({ name, ok });
    all &&= ok;
  }
  return all;
}
