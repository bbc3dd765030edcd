/**
 * `paycheck load merge SUMMARY.json…`: the runners' summaries of one distributed run read, added
 * up (src/runners/load/merge/merge-summaries.ts) and reported like a single run: the text summary,
 * merged-summary.json and merged-junit.xml. Exit 1 when a threshold fails on the whole run.
 */
import { PaycheckError } from '../kernel/errors.ts';
import { SUMMARY_LOG_MARK, type LoadSummary } from '../checks/report/load-summary.ts';
import { formatMetricValue, interruptionText, renderTextSummary } from '../checks/report/load-text.ts';
import { mergeSummaries } from '../runners/load/merge/merge-summaries.ts';
import { readSummary } from '../runners/load/merge/read-summary.ts';
import { writeReports } from '../runners/load/executor/run-load.ts';
import type { ParsedCommand } from './command.ts';
import type { LOAD_MERGE } from './commands.ts';
import type { CliIo } from './io.ts';
import { parseJsonInput, readInput, type InputKind, type InputText } from './request-input.ts';

/** A summary of an hour's soak with its series is a few MB; a log of many runners' summaries more. */
const SUMMARY_INPUT: InputKind = { what: "a load summary or a runners' log", limit: 256 * 1024 * 1024 };

/** A summary file, or a log (the runners' pods' logs, `kubectl logs --prefix`) with one summary line per runner. */
function summariesIn(input: InputText): { name: string; summary: LoadSummary }[] {
  const logged = input.text
    .split('\n')
    .map((line, i) => ({ at: line.indexOf(SUMMARY_LOG_MARK), line, i }))
    .filter(({ at }) => at >= 0);
  if (logged.length === 0) return [{ name: input.name, summary: readSummary(parseJsonInput(input), input.name) }];
  return logged.map(({ at, line, i }) => {
    const name = `${input.name} line ${i + 1}`;
    return { name, summary: readSummary(parseJsonInput({ name, text: line.slice(at + SUMMARY_LOG_MARK.length) }), name) };
  });
}

export async function runLoadMerge({ values, positionals }: ParsedCommand<typeof LOAD_MERGE.options>, io: CliIo): Promise<number> {
  if (positionals.length === 0) throw new PaycheckError('PAYCHECK_USAGE', "give the runners' summary files: paycheck load merge reports/runner-*.json");
  const named = [];
  for (const file of positionals) named.push(...summariesIn(await readInput(file, io, SUMMARY_INPUT)));
  const { summary, share, runners } = mergeSummaries(named);
  const files = await writeReports(summary, values['report-dir'] ?? 'reports', ['merged-summary.json', 'merged-junit.xml', 'merged-report.html']);
  if (values.json) io.out(JSON.stringify(summary, null, 2));
  else io.out(renderTextSummary(summary));
  io.err(`paycheck load merge: ${runners} runner${runners === 1 ? '' : 's'}, ${share === '1' ? 'the whole run' : `${share} of the run (segments ${summary.segment})`}`);
  for (const file of files) io.err(`wrote ${file}`);
  for (const t of summary.thresholds.filter((x) => !x.ok)) io.err(`paycheck load merge: threshold failed on the whole run: ${t.name} (actual ${formatMetricValue(t.metric, t.actual)})`);
  const interrupted = named.filter((n) => n.summary.interrupted !== undefined).map((n) => `${n.name} (${n.summary.interrupted?.signal})`);
  if (interrupted.length > 0) io.err(`paycheck load merge: not a whole run: interrupted ${interrupted.join(', ')}; ${interruptionText(summary)}`);
  return summary.passed ? 0 : 1;
}
