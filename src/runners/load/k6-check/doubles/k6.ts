/** Test double for `k6`: check() records each named result; sleep() records and moves the test's clock, never waits. */
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

export function sleep(seconds: number): void {
  k6State.sleeps.push(seconds);
  k6State.onSleep?.(seconds);
}
