/** `paycheck load` flag values → what the run and the embedded mock are given; every mistake is a PaycheckError (exit 2). */
import { PaycheckError } from '../kernel/errors.ts';
import type { RunLoadOptions } from '../runners/load/executor/run-load.ts';
import { optionLabel, type OptionValues } from './command.ts';
import { LOAD } from './commands.ts';

export type LoadValues = OptionValues<typeof LOAD.options>;

export interface LoadArgs {
  /** Absent: the embedded mock, started for the run. */
  baseUrl?: string;
  /** Embedded mock only: latency added to every pay answer, `MS` or `MIN-MAX`. */
  mockLatency?: string;
  run: Omit<RunLoadOptions, 'baseUrl' | 'env' | 'onProgress' | 'log'>;
}

export function loadArgsFrom(values: LoadValues): LoadArgs {
  if (values['base-url'] !== undefined && values['mock-latency'] !== undefined) {
    throw new PaycheckError('PAYCHECK_USAGE', `--mock-latency applies to the embedded mock only, not to ${optionLabel(LOAD, 'base-url')}`);
  }
  return {
    baseUrl: values['base-url'],
    mockLatency: values['mock-latency'],
    run: {
      profile: values.profile ?? 'smoke',
      allowRemote: values['allow-remote'],
      durationScale: values['duration-scale'],
      timeScale: values['time-scale'],
      seed: values.seed,
      ...(values['execution-segment'] === undefined ? {} : { executionSegment: values['execution-segment'] }),
      ...(values['execution-segment-sequence'] === undefined ? {} : { executionSegmentSequence: values['execution-segment-sequence'] }),
      reportDir: values['report-dir'],
    },
  };
}
