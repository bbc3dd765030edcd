/**
 * The mock's log, as `paycheck mock` writes it (and a benchmark measures it). A line per request costs a formatted line, a mask
 * and a write each: at load-test rates that is most of what the log costs, so by default (`auto`)
 * the first MOCK_LOG_LINES_PER_SECOND requests of each second get their own line and a busier second
 * ends in one summary line (requests, codes, p50/p99) that covers all of it. `requests` logs every
 * request, `summary` only the summaries. Text lines are the request log's own form; `json` writes
 * the same fields as pino's NDJSON. Lines go to a buffered sink (processIo's is pino's sonic-boom
 * destination); the command's own lines go through it too, so that none overtakes a request's.
 */
import pino from 'pino';
import { emptyHistogram, quantileOf, recordLatency, type LatencyHistogram } from '../load/latency-histogram.ts';
import { MOCK_LOG_LINES_PER_SECOND } from '../../kernel/settings.ts';
import { requestLogFields, requestLogLine, type RequestLog, type RequestLogEntry } from '../../adapters/http/request-log.ts';

/** Where a log's lines go: gathered and written in the background. */
export interface LogSink {
  write(text: string): void;
  /** Starts writing what is held now. */
  flush(): void;
  /** Writes out everything written so far, then takes no more; resolves once it is out (or cannot be: the reader is gone). */
  end(): Promise<void>;
}

export const LOG_MODES = ['auto', 'requests', 'summary'] as const;
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogMode = (typeof LOG_MODES)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

const SUMMARY_INTERVAL_MS = 1_000;

export interface MockLog {
  request: RequestLog;
  /** A line of the command's own (listening, shutting down), in order with the request lines. */
  say(line: string): void;
  /** Writes the summary of the second so far, if it is due one; the log takes lines still. */
  close(): void;
  /** Writes out every line so far and ends the log (the last thing the command does). */
  end(): Promise<void>;
}

export interface MockLogOptions {
  mode: LogMode;
  format: LogFormat;
  sink: LogSink;
  now?: () => Date;
}

/** One second's requests: the summary line's figures. */
interface Window {
  requests: number;
  /** Of them, those written as lines of their own. */
  lines: number;
  codes: Map<string, number>;
  latency: LatencyHistogram;
}

const emptyWindow = (): Window => ({ requests: 0, lines: 0, codes: new Map(), latency: emptyHistogram() });

export function createMockLog({ mode, format, sink, now = () => new Date() }: MockLogOptions): MockLog {
  const json = format === 'json' ? pino({ base: null, timestamp: () => `,"time":"${now().toISOString()}"` }, { write: (line: string) => sink.write(line) }) : undefined;
  const linesPerSecond = mode === 'requests' ? Infinity : mode === 'summary' ? 0 : MOCK_LOG_LINES_PER_SECOND;
  let window = emptyWindow();

  function writeRequest(entry: RequestLogEntry): void {
    if (json) json.info(requestLogFields(entry), 'request');
    else sink.write(`${requestLogLine(entry, now())}\n`);
  }

  function writeSummary(): void {
    const w = window;
    window = emptyWindow();
    // A second whose every request had its own line says nothing new.
    if (w.requests === w.lines) return;
    const codes = Object.fromEntries([...w.codes.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const p50 = quantileOf(w.latency, 0.5) ?? 0;
    const p99 = quantileOf(w.latency, 0.99) ?? 0;
    if (json) {
      json.info({ requests: w.requests, lines: w.lines, codes, p50_ms: round(p50), p99_ms: round(p99) }, 'summary');
      return;
    }
    const codeList = Object.entries(codes)
      .map(([code, n]) => `${code}:${n}`)
      .join(',');
    sink.write(`${now().toISOString()} summary requests=${w.requests} codes=${codeList} p50=${p50.toFixed(2)}ms p99=${p99.toFixed(2)}ms lines=${w.lines}\n`);
  }

  const timer = mode === 'requests' ? undefined : setInterval(writeSummary, SUMMARY_INTERVAL_MS);
  timer?.unref();

  return {
    request(entry) {
      const w = window;
      w.requests++;
      // An answer without an envelope (a page, a transport fault) is counted by its HTTP status.
      const code = entry.response.log?.code === undefined ? `http${entry.response.status}` : String(entry.response.log.code);
      w.codes.set(code, (w.codes.get(code) ?? 0) + 1);
      recordLatency(w.latency, entry.ms);
      if (w.lines < linesPerSecond) {
        w.lines++;
        writeRequest(entry);
      }
    },
    say(line) {
      sink.write(`${line}\n`);
      sink.flush();
    },
    close() {
      clearInterval(timer);
      writeSummary();
      sink.flush();
    },
    end: () => sink.end(),
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
