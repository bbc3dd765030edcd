/**
 * The requests paycheck spoils on purpose — the preflight's bad sign, the contract suite's negative
 * cases, the fuzzer's faults — sent through `paycheck proxy` are forwarded, judged and journalled,
 * but their declared fault is not charged to the cashier the proxy judges; and a cashier cannot
 * use the mark to hide its own mistakes (docs/proxy.md, "Paycheck's own probes").
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../../src/adapters/http/server.ts';
import { createPayClient } from '../../src/adapters/client/pay-client.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { preflight } from '../../src/checks/preflight/preflight.ts';
import { main } from '../../src/cli/main.ts';
import { ALL_CASES } from '../../src/runners/contracts/cases/all-cases.ts';
import { runCasesAgainst } from '../../src/runners/contracts/support/suite-runner.ts';
import { runFuzz } from '../../src/runners/fuzz/run-fuzz.ts';
import { CALL_PATHS } from '../../src/runners/fuzz/spec-schema.ts';
import { probeHeader } from '../../src/kernel/probe.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { API_PATHS } from '../../src/kernel/spec/api-paths.ts';
import type { RecordedExchange } from '../../src/runners/proxy/proxy-server.ts';
import { captureIo, payRequest } from '../lifecycle/support.ts';
import { rulesOf, startTestProxy } from './support.ts';

let mock: MockServer;
before(async () => {
  mock = await startMockServer({ port: 0, pendingMs: 100, selfCheck: true });
});
after(() => mock.close());

test("the preflight's spoiled sign is forwarded, journalled and logged as a probe, not charged to the cashier; --record keeps the mark and a replay does not charge it either", async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'paycheck-probe-')), 'session.jsonl');
  const lines: string[] = [];
  const recorded: RecordedExchange[] = [];
  const proxy = await startTestProxy(mock.url, { log: (line) => lines.push(line), record: (e) => recorded.push(e) });
  try {
    const report = await preflight({ baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' });
    assert.equal(report.usable, true, report.message);
    assert.equal(report.dialect, 'flowchart');
    assert.deepEqual(proxy.findings(), []);
    const journal = proxy.journal();
    assert.deepEqual(journal.map((e) => [e.path, e.code, e.probe]), [[API_PATHS.get, 4001, undefined], [API_PATHS.get, 3004, 'signature']]);
    assert.ok(journal[1].sign_diagnosis, 'the bad sign is still diagnosed in the journal');
    assert.match(lines[1], /^#2 POST \/pay\/get → 200 3004 \(.* ms\) — probe signature, not charged$/);
    assert.deepEqual(recorded.map((e) => [e.sign, e.probe, e.headers['x-paycheck-probe']]), [['valid', undefined, undefined], ['invalid', 'signature', 'signature']]);
    const health = (await (await fetch(`${proxy.url}/__mock/health`)).json()) as { proxy: { exchanges: number; findings: number; probes: number } };
    assert.deepEqual([health.proxy.exchanges, health.proxy.findings, health.proxy.probes], [2, 0, 1]);
  } finally {
    await proxy.close();
  }
  writeFileSync(file, recorded.map((e) => JSON.stringify(e)).join('\n'));
  const { io, text, errText } = captureIo('', {});
  assert.equal(await main(['proxy', '--replay', file, '--upstream', mock.url], io), 0, `${text()}${errText()}`);
  assert.match(text(), /#2 \/pay\/get: recorded 3004, replayed 3004/);
  assert.doesNotMatch(text(), /finding #/);
  assert.ok(readFileSync(file, 'utf8').includes('"probe":"signature"'));
});

test('the mark hides nothing else: a marked valid request is charged for the mark, a fault other than the one declared is charged, and a garbled mark excuses nothing', async () => {
  const proxy = await startTestProxy(mock.url);
  const client = createPayClient({ baseUrl: proxy.url, app: DEMO_APP, encoding: 'base64' });
  try {
    const signed = client.sign(payRequest('0.01'));
    await client.send(signed, { headers: probeHeader('signature') });
    const { total_amount: _, ...missing } = { ...signed, sign: 'AAAA' };
    await client.send(missing, { headers: probeHeader('signature') });
    await client.send({ ...signed, order_id: `${signed.order_id}X`, sign: 'AAAA' }, { headers: probeHeader('format') });
    await client.send({ ...signed, order_id: `${signed.order_id}Y`, sign: 'AAAA' }, { headers: { 'X-Paycheck-Probe': 'yes please' } });
    await client.send({ ...signed, order_id: `${signed.order_id}Z`, sign: 'AAAA' }, { headers: probeHeader('missing', 'format', 'signature') });
    const findings = proxy.findings();
    const byExchange = (seq: number) => findings.filter((f) => f.exchange === seq && f.side === 'client').map((f) => f.rule);
    assert.deepEqual(byExchange(1), ['request-probe']);
    assert.deepEqual(byExchange(2), ['request-presence']);
    assert.match(findings.find((f) => f.exchange === 2)!.message, /marked X-Paycheck-Probe: signature, but refused for missing: charged/);
    assert.deepEqual(byExchange(3), ['request-signature']);
    assert.deepEqual(byExchange(4), ['request-signature']);
    assert.match(findings.find((f) => f.exchange === 4)!.message, /marked X-Paycheck-Probe: no fault it knows/);
    assert.deepEqual(byExchange(5), []);
    assert.deepEqual(proxy.journal().map((e) => e.probe), [undefined, undefined, undefined, undefined, 'signature']);
  } finally {
    await proxy.close();
  }
});

test("the contract suite's negative cases and the fuzzer's faults, through the proxy, charge the cashier nothing", async () => {
  const proxy = await startTestProxy(mock.url);
  try {
    const cases = ALL_CASES.filter((c) => !c.tags?.includes('@lifecycle-writes'));
    // Whether the cases pass is the suite's own tests' business (a paying order's timing differs behind a proxy).
    await runCasesAgainst(proxy.url, cases);
    assert.deepEqual(proxy.findings().filter((f) => f.side === 'client').map((f) => `${f.rule} ${f.actual} ${f.message}`), []);
    assert.ok(proxy.journal().filter((e) => e.probe !== undefined).length > 20, 'the negative cases went through, marked');
  } finally {
    await proxy.close();
  }
  const fuzzProxy = await startTestProxy(mock.url);
  try {
    const target = { baseUrl: fuzzProxy.url, app: { ...DEMO_APP }, encoding: 'base64' as const, loopback: true, moneyAllowed: true, lifecycleWrites: true, livePayCodes: [] };
    await runFuzz({ document: loadSpec(), target, paths: CALL_PATHS, stateful: true, budget: { runs: 20 }, seed: 5 });
    assert.deepEqual(fuzzProxy.findings().filter((f) => f.side === 'client').map((f) => `${f.rule} ${f.actual} ${f.message}`), []);
    assert.ok(fuzzProxy.journal().some((e) => e.probe !== undefined));
  } finally {
    await fuzzProxy.close();
  }
});
