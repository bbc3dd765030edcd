/**
 * `npm run load -- --scenario smoke [--base-url URL]`: a progress line on stderr while the run
 * lasts, the summary on stdout, reports/load-summary.json and reports/load-junit.xml written.
 * Exit 0 when every threshold holds, 1 naming each failed threshold, 2 for bad flags or
 * settings (a stable code and one line, never a stack), 3 when the run itself broke.
 */
import { pathToFileURL } from 'node:url';
import type { Env } from '../kernel/settings.ts';
import { formatMetricValue, renderTextSummary } from '../checks/report/load-text.ts';
import { loadHelp, parseLoadArgs } from './load-options.ts';
import { LoadError } from '../runners/load/executor/load-error.ts';
import { renderProgressLine } from './load-progress.ts';
import { runLoad, type ProgressInfo } from '../runners/load/executor/run-load.ts';

export interface LoadCliIo {
  out(line: string): void;
  err(line: string): void;
  /** Rewrite the progress line in place (a terminal), or print one every few seconds (a log). */
  progressInPlace: boolean;
  writeErr(text: string): void;
}

const LOG_EVERY_S = 5;

function progressWriter(io: LoadCliIo): (p: ProgressInfo) => void {
  let ticks = 0;
  return (p) => {
    const line = renderProgressLine(p);
    if (io.progressInPlace) io.writeErr(`\r\x1b[2K${line}`);
    else if (ticks++ % LOG_EVERY_S === 0) io.err(line);
  };
}

export async function runLoadCli(argv: readonly string[], env: Env, io: LoadCliIo): Promise<number> {
  try {
    const args = parseLoadArgs(argv);
    if (args.help) {
      io.out(loadHelp());
      return 0;
    }
    const onProgress = args.quiet ? undefined : progressWriter(io);
    const result = await runLoad({ ...args.run, env, onProgress, log: (line) => io.err(`paycheck load: ${line}`) });
    if (onProgress && io.progressInPlace) io.writeErr('\r\x1b[2K');
    io.out(renderTextSummary(result.summary));
    for (const file of result.reportFiles) io.out(`wrote ${file}`);
    for (const t of result.summary.thresholds.filter((x) => !x.ok)) {
      io.err(`paycheck load: threshold failed: ${t.name} (actual ${formatMetricValue(t.metric, t.actual)})`);
    }
    if (result.summary.abortedBy) io.err(`paycheck load: run aborted early: ${result.summary.abortedBy}`);
    return result.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof LoadError) {
      io.err(`paycheck load: ${error.code} ${error.message}`);
      return 2;
    }
    io.err(`paycheck load: LOAD_RUN_FAILED ${error instanceof Error ? error.message : String(error)}`);
    return 3;
  }
}

/** `npm run load` and `paycheck load`. */
export async function loadFromCommandLine(argv: readonly string[]): Promise<void> {
  process.exitCode = await runLoadCli(argv, process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    writeErr: (text) => process.stderr.write(text),
    progressInPlace: process.stderr.isTTY === true,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await loadFromCommandLine(process.argv.slice(2));
