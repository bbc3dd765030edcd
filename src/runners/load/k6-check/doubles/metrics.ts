/** Test double for `k6/metrics`: each metric records what is added to it. */
import { k6State } from './k6-state.ts';

type Kind = 'counter' | 'rate' | 'trend';

function metric(kind: Kind) {
  return class {
    readonly name: string;
    constructor(name: string) {
      // Every VU declares the script's metrics again; k6 only refuses a name with another type.
      const known = k6State.metrics.get(name);
      if (known && known.type !== kind) throw new Error(`k6 metrics double: metric ${name} is a ${known.type}, not a ${kind}`);
      this.name = name;
      if (!known) k6State.metrics.set(name, { type: kind, values: [] });
    }
    add(value: number | boolean): void {
      k6State.metrics.get(this.name)?.values.push(Number(value));
    }
  };
}

export const Counter = metric('counter');
export const Rate = metric('rate');
export const Trend = metric('trend');
