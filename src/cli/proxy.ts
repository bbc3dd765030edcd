/**
 * `paycheck proxy --upstream URL`: the proxy (src/runners/proxy/) on 127.0.0.1 until SIGINT/SIGTERM,
 * one masked log line per exchange unless quiet; `--replay FILE` sends a recorded session through
 * it once and exits 0 without findings, 1 with them.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { PaycheckError } from '../kernel/errors.ts';
import { apiUrl } from '../kernel/spec/api-url.ts';
import { requireBaseUrl } from '../kernel/base-url.ts';
import { createMask } from '../kernel/redaction/mask.ts';
import { DEFAULT_PROXY_PORT, embeddedMockApps, isLoopbackUrl, signEncodingFrom, appCredentialsFrom } from '../kernel/settings.ts';
import { readingDemands } from '../checks/contract/readings.ts';
import { hasMockControls } from '../checks/preflight/preflight.ts';
import { sendOutbound } from '../adapters/client/outbound.ts';
import { writeOrRefuse } from '../adapters/node/file-write.ts';
import { loadSpec } from '../adapters/node/spec-file.ts';
import { startProxy, UPSTREAM_TIMEOUT_MS, type ProxyOptions, type ProxyServer } from '../runners/proxy/proxy-server.ts';
import { readRecord, replaySession } from '../runners/proxy/replay.ts';
import type { ParsedCommand } from './command.ts';
import { PROXY } from './commands.ts';
import { setting } from './harness-error.ts';
import type { CliIo } from './io.ts';
import { readText } from './mock-options.ts';

type Parsed = ParsedCommand<typeof PROXY.options>;

/** The proxy's options from the flags and the environment; the upstream is refused off loopback without --allow-remote. */
export function proxyOptions({ values }: Parsed, io: Pick<CliIo, 'env'>): Omit<ProxyOptions, 'log'> {
  const upstream = values.upstream;
  if (upstream === undefined) throw new PaycheckError('PAYCHECK_USAGE', 'name the server to forward to: --upstream URL');
  const url = new URL(requireBaseUrl(upstream, '--upstream'));
  if (!isLoopbackUrl(url) && !values['allow-remote']) throw new PaycheckError('PAYCHECK_REMOTE_REFUSED', `refusing ${url.origin}: not loopback — pass --allow-remote for a live upstream (real pay codes move real money)`);
  const env = io.env;
  const record = values.record;
  // Written (empty) now, so that a path that cannot be written stops the start, not the first exchange.
  if (record !== undefined) writeOrRefuse(record, () => writeFileSync(record, ''));
  return {
    upstream: url.href,
    port: values.port ?? DEFAULT_PROXY_PORT,
    errors: values.errors,
    ...(values['journal-cap'] === undefined ? {} : { journalCap: values['journal-cap'] }),
    spec: loadSpec(),
    apps: setting(() => embeddedMockApps(env)),
    encoding: setting(() => signEncodingFrom(env)),
    demands: { demands: setting(() => readingDemands(env)) },
    mask: createMask({ secrets: [env.PAY_APP_SECRET] }),
    record: record === undefined ? undefined : (exchange) => appendFileSync(record, `${JSON.stringify(exchange)}\n`),
  };
}

export async function runProxy(parsed: Parsed, io: CliIo): Promise<number> {
  const options = proxyOptions(parsed, io);
  // A replay's exit code says whether the session still holds; a cashier still talks through a serving proxy.
  io.outliveReader?.('proxy', parsed.values.replay === undefined ? 'serving' : 'judging');
  if (parsed.values.replay !== undefined) return replay(parsed.values.replay, options, io);
  const proxy = await startProxy({ ...options, log: parsed.values.quiet ? undefined : io.out });
  const controls = (await hasMockControls(options.upstream)) ? 'with mock controls' : 'no mock controls';
  io.out(`paycheck proxy listening on ${proxy.url} → ${apiUrl(options.upstream, '')} (${controls}; findings: ${apiUrl(proxy.url, '/__mock/findings')}, journal: ${apiUrl(proxy.url, '/__mock/journal')})`);
  const stop = (signal: string) => {
    io.out(`paycheck proxy: ${signal}, ${proxy.findings().length} findings in ${proxy.journal().length} exchanges; shutting down`);
    void proxy.close().then(() => io.out('paycheck proxy: stopped'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

async function replay(file: string, options: Omit<ProxyOptions, 'log'>, io: CliIo): Promise<number> {
  const exchanges = readRecord(readText(file), file);
  if (!(await answers(options.upstream))) throw new PaycheckError('PAYCHECK_TARGET_UNREACHABLE', `cannot reach ${options.upstream}`);
  let proxy: ProxyServer | undefined;
  try {
    proxy = await startProxy({ ...options, port: 0 });
    const rows = await replaySession(exchanges, { proxyUrl: proxy.url, app: setting(() => appCredentialsFrom(io.env)), encoding: options.encoding, timeoutMs: UPSTREAM_TIMEOUT_MS });
    for (const row of rows) {
      const was = row.recorded ?? 'no code';
      const now = row.replayed ?? row.failure ?? 'no code';
      io.out(`#${row.seq} ${row.path}: recorded ${was}, replayed ${now}${was === now ? '' : ' (changed)'}`);
    }
    const findings = proxy.findings();
    for (const f of findings) io.out(options.mask(`finding #${f.exchange} ${f.call} ${f.side} ${f.rule} at ${f.path}: expected ${f.expected}, got ${f.actual} — ${f.message}`));
    io.out(`replayed ${rows.length} exchanges from ${file} to ${apiUrl(options.upstream, '')}: ${findings.length} findings`);
    return findings.length === 0 ? 0 : 1;
  } finally {
    await proxy?.close();
  }
}

/** Whether anything answers at the upstream (any HTTP answer will do). */
async function answers(upstream: string): Promise<boolean> {
  try {
    await sendOutbound(upstream, { method: 'GET', timeoutMs: 3_000 });
    return true;
  } catch {
    return false;
  }
}
