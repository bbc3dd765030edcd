/**
 * `paycheck load [--profile NAME] [--base-url URL]`: a progress line on stderr while the run
 * lasts, the summary on stdout, reports/load-summary.json, reports/load-junit.xml and reports/load-report.html written.
 * Without a target the embedded mock is started here, on a free loopback port, for the run's
 * length. Exit 0 when every threshold holds, 1 naming each failed threshold, 2 for bad flags or
 * settings.
 */
import { startMockServer, type MockServer } from '../adapters/http/server.ts';
import { EXIT, PaycheckError, type ExitCode } from '../kernel/errors.ts';
import { REQUEST_TIMEOUT_S } from '../runners/load/profiles/profiles.ts';
import { appCredentialsFrom, embeddedMockApps, signEncodingFrom, type Env } from '../kernel/settings.ts';
import { loadTarget } from '../runners/load/executor/target.ts';
import { requireUsableTarget } from './target-gate.ts';
import { setting } from './harness-error.ts';
import { formatMetricValue, interruptionText, renderTextSummary } from '../checks/report/load-text.ts';
import { mockTimingFor, planRun, runLoad, type ProgressInfo } from '../runners/load/executor/run-load.ts';
import type { ParsedCommand } from './command.ts';
import type { LOAD } from './commands.ts';
import type { CliIo } from './io.ts';
import { loadArgsFrom, type LoadArgs } from './load-options.ts';
import { renderProgressLine } from './load-progress.ts';

const LOG_EVERY_S = 5;

function progressWriter(io: CliIo): (p: ProgressInfo) => void {
  let ticks = 0;
  const { writeErr } = io;
  return (p) => {
    const line = renderProgressLine(p);
    if (io.progressInPlace && writeErr) writeErr(`\r\x1b[2K${line}`);
    else if (ticks++ % LOG_EVERY_S === 0) io.err(line);
  };
}

/** The embedded mock, with the timing the profile's thresholds assume. */
async function startEmbeddedMock(args: LoadArgs, env: Env): Promise<MockServer> {
  const timing = mockTimingFor(args.run);
  try {
    // It knows the configured application (and the demo one), so a run signed with your PAY_APP_ID passes.
    return await startMockServer({ port: 0, apps: setting(() => embeddedMockApps(env)), signEncoding: setting(() => signEncodingFrom(env)), ...(args.mockLatency ? { latency: args.mockLatency } : {}), ...timing });
  } catch (error) {
    if (error instanceof PaycheckError && error.code === 'PAYCHECK_MOCK_CONTROL') throw new PaycheckError(error.code, `--mock-latency: ${error.message}`);
    throw error;
  }
}

type StopSignal = 'SIGINT' | 'SIGTERM';
const SIGNAL_EXIT: Readonly<Record<StopSignal, ExitCode>> = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated };

/**
 * k6's way with Ctrl-C, as `paycheck mock` listens for its signals: the first SIGINT or SIGTERM
 * stops the run gracefully (runLoad's `interrupt`), so that the part that ran is reported; a
 * second one ends the process at once, for a user who will not wait out the calls in flight.
 */
function interruptOnSignals(io: CliIo): { interrupt: AbortSignal; release(): void } {
  const interrupt = new AbortController();
  const onSignal = (signal: StopSignal) => {
    // On a terminal the progress line is rewritten in place: clear it, or the notice lands inside it.
    if (io.progressInPlace) io.writeErr?.('\r\x1b[2K');
    if (!interrupt.signal.aborted) {
      io.err(`paycheck load: ${signal}: no new arrivals; the summary and reports of the part that ran follow once the calls in flight end (within ${REQUEST_TIMEOUT_S} s); ${signal} again stops at once, writing nothing`);
      interrupt.abort(signal);
      return;
    }
    io.err(`paycheck load: ${signal} again: stopped at once, no summary or report written`);
    process.exit(SIGNAL_EXIT[interrupt.signal.reason as StopSignal]);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    interrupt: interrupt.signal,
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

export async function runLoadCommand({ values }: ParsedCommand<typeof LOAD.options>, io: CliIo): Promise<number> {
  const args = loadArgsFrom(values);
  const app = setting(() => appCredentialsFrom(io.env));
  const encoding = setting(() => signEncodingFrom(io.env));
  // Every flag before the target: a usage error is exit 2 whatever the target, which is not touched.
  planRun(args.run);
  if (args.baseUrl !== undefined) {
    // A remote target without --allow-remote is refused before a single request, preflight's included.
    loadTarget(args.baseUrl, { allowRemote: args.run.allowRemote, warn: () => {} });
    io.err(`paycheck load: ${await requireUsableTarget(args.baseUrl, io.env)}`);
  }
  const onProgress = values.quiet ? undefined : progressWriter(io);
  // From here on a signal stops the run, and the embedded mock with it, rather than the process.
  const signals = interruptOnSignals(io);
  let result;
  try {
    const target: Pick<MockServer, 'url' | 'close'> = args.baseUrl === undefined ? await startEmbeddedMock(args, io.env) : { url: args.baseUrl, close: async () => {} };
    if (args.baseUrl === undefined) io.err(`paycheck load: target the embedded mock ${target.url}, app ${app.appId}, sign encoding ${encoding}`);
    try {
      result = await runLoad({ ...args.run, baseUrl: target.url, env: io.env, onProgress, interrupt: signals.interrupt, log: (line) => io.err(`paycheck load: ${line}`) });
    } finally {
      await target.close();
    }
  } finally {
    signals.release();
  }
  if (onProgress && io.progressInPlace) io.writeErr?.('\r\x1b[2K');
  io.out(renderTextSummary(result.summary));
  for (const file of result.reportFiles) io.out(`wrote ${file}`);
  for (const t of result.summary.thresholds.filter((x) => !x.ok)) {
    io.err(`paycheck load: threshold failed: ${t.name} (actual ${formatMetricValue(t.metric, t.actual)})`);
  }
  if (result.summary.abortedBy) io.err(`paycheck load: run aborted early: ${result.summary.abortedBy}`);
  const { interrupted } = result.summary;
  if (interrupted) {
    io.err(`paycheck load: interrupted by ${interrupted.signal}: ${interruptionText(result.summary)}; the reports are marked interrupted`);
    return SIGNAL_EXIT[interrupted.signal as StopSignal];
  }
  return result.passed ? EXIT.ok : EXIT.checkFailed;
}
