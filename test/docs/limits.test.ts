/**
 * docs/limits.md against the code: each limit's row states the value of the constant it names, and
 * the numeric-settings table is exactly the ranges the parser and the options are held to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../../src/cli/main.ts';
import type { OptionSpec } from '../../src/cli/command.ts';
import { DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT_MS } from '../../src/adapters/http/server.ts';
import { DRAIN_BYTES, DRAIN_MS } from '../../src/adapters/http/refuse-body.ts';
import { MAX_JSON_DEPTH } from '../../src/kernel/json-shape.ts';
import { describeRange, RANGES, type NumberRange } from '../../src/kernel/number-range.ts';
import { MOCK_LOG_LINES_PER_SECOND, REQUEST_SIZE_LIMIT } from '../../src/kernel/settings.ts';
import { LOG_BUFFER_BYTES } from '../../src/cli/stdout-log.ts';
import { SIGN_DIAGNOSES_PER_SECOND } from '../../src/engine/steps/signature.ts';

const doc = readFileSync('docs/limits.md', 'utf8');
const [limits, numeric] = doc.split('\n## Numeric settings\n');
const rows = (text: string) => text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| limit |') && !line.startsWith('| setting |'));

const KIB = 1024;
const MIB = 1024 * KIB;

test('each limit states the value of the constant it names', () => {
  const stated: [string, string][] = [
    ['REQUEST_SIZE_LIMIT', `${REQUEST_SIZE_LIMIT / KIB} KiB`],
    ['DRAIN_BYTES', `${DRAIN_BYTES / MIB} MiB`],
    ['DRAIN_MS', `${DRAIN_MS / 1000} s`],
    ['MAX_JSON_DEPTH', `${MAX_JSON_DEPTH} levels`],
    ['DEFAULT_IDLE_TIMEOUT_MS', `${DEFAULT_IDLE_TIMEOUT_MS / 1000} s`],
    ['DEFAULT_HEADERS_TIMEOUT_MS', `${DEFAULT_HEADERS_TIMEOUT_MS / 1000} s`],
    ['DEFAULT_REQUEST_TIMEOUT_MS', `${DEFAULT_REQUEST_TIMEOUT_MS / 1000} s`],
    ['DEFAULT_MAX_CONNECTIONS', DEFAULT_MAX_CONNECTIONS.toLocaleString('en').replace(/,/g, ' ')],
    ['LOG_BUFFER_BYTES', `${LOG_BUFFER_BYTES / MIB} MiB`],
    ['MOCK_LOG_LINES_PER_SECOND', `${MOCK_LOG_LINES_PER_SECOND} requests a second`],
    ['SIGN_DIAGNOSES_PER_SECOND', `${SIGN_DIAGNOSES_PER_SECOND} a second`],
  ];
  for (const [constant, value] of stated) {
    const row = rows(limits).filter((line) => line.includes(`\`${constant}\``));
    assert.ok(row.length > 0, `a row names ${constant}`);
    for (const line of row) assert.ok(line.includes(value), `${constant}: ${value} in ${line}`);
  }
  assert.match(limits, /^\| limit \| value \| setting that changes it \|$/m);
});

test('the numeric settings table is every numeric flag, variable and option with its range', () => {
  const row = (setting: string, env: string | undefined, range: NumberRange) => `| ${setting} | ${env ? `\`${env}\`` : '—'} | ${describeRange(range)} |`;
  const flags = Object.values(COMMANDS).flatMap(({ spec }) =>
    Object.entries(spec.options as Record<string, OptionSpec>).flatMap(([name, option]) => (option.type === 'number' ? [row(`\`paycheck ${spec.name} --${name}\``, option.env, option.range)] : [])),
  );
  const others = [
    row('`paycheck mock --rate-limit PER_SECOND`', 'MOCK_RATE_LIMIT', RANGES.ratePerSecond),
    row('`paycheck mock --rate-limit …/BURST`', 'MOCK_RATE_LIMIT', RANGES.burst),
    row('`paycheck checkout`, `contracts` (the data seed)', 'PAY_SEED', RANGES.seed),
    row("`paycheck contracts` (its mock's port)", 'PAYCHECK_MOCK_PORT', RANGES.fixedPort),
    row("`paycheck contracts` (its second mock's port)", 'PAYCHECK_LIVE_STANDIN_PORT', RANGES.fixedPort),
    row('k6 scripts `-e DURATION_SCALE`', 'DURATION_SCALE', RANGES.durationScale),
    row('k6 scripts `-e TIME_SCALE`', 'TIME_SCALE', RANGES.timeScale),
    row('`npm run load:data -- --seed`', undefined, RANGES.seed),
    row('`npm run load:data -- --count`', undefined, RANGES.count),
    row('`createEngine` / `startMockServer` `pendingMs`, `slowMs`', undefined, RANGES.delayMs),
    row('`createEngine` / `startMockServer` `storeCap`', undefined, RANGES.storeCap),
    row('`createEngine` / `startMockServer` `journalCap`', undefined, RANGES.journalCap),
    row('`startMockServer` `bodyLimit`', undefined, RANGES.bodyLimit),
    row('`startMockServer` `idleTimeoutMs`, `headersTimeoutMs`, `requestTimeoutMs`, `timeoutCheckIntervalMs`', undefined, RANGES.timeoutMs),
    row('`startMockServer` `maxConnections`', undefined, RANGES.connections),
  ];
  assert.deepEqual(rows(numeric), [...flags, ...others]);
});
