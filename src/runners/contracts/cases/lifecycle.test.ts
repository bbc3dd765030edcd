/**
 * A lifecycle case whose pay gives no order stops at the pay: its follow-up would name
 * "undefined", be refused 4001 and add a second finding and a curl command about nothing the
 * target did wrong. The cases run in-process against the engine, the pay's answer replaced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPayClient, type Exchange, type PayClient, type SendOptions } from '../../../adapters/client/pay-client.ts';
import { createNodeEngine } from '../../../adapters/http/build-engine.ts';
import { nodeDataFactory } from '../../../adapters/node/node-data-factory.ts';
import { loadSpec } from '../../../adapters/node/spec-file.ts';
import { createContractCheck } from '../../../checks/contract/contract-check.ts';
import { createRunState } from '../../../checks/contract/check-context.ts';
import { DEMO_APP } from '../../../kernel/settings.ts';
import { API_PATHS } from '../../../kernel/spec/api-paths.ts';
import { runCase, type ContractCase, type Verdict } from '../support/case-context.ts';
import { CONTRACT_PENDING_MS, type ContractTarget } from '../support/target.ts';
import { parseOutcomes } from '../support/outcomes.ts';
import { failureReport } from '../support/verdicts.ts';
import { LIFECYCLE_POLL_CASES, LIFECYCLE_QUERY_CASES, LIFECYCLE_WRITE_CASES } from './lifecycle.ts';

const BASE = 'http://127.0.0.1:4999';
const check = createContractCheck(loadSpec());
// One engine for every case: each makes its own order ids, as on a real target.
const engine = createNodeEngine({ pendingMs: CONTRACT_PENDING_MS, selfCheck: true });
const real = createPayClient({ baseUrl: BASE, app: DEMO_APP, encoding: 'base64' });
const target: ContractTarget = {
  kind: 'live', baseUrl: BASE, app: { ...DEMO_APP }, encoding: 'base64', loopback: true, controls: true, moneyAllowed: true, lifecycleWrites: true,
  livePayCodes: [], demands: new Map(), strict: false, outcomes: parseOutcomes(undefined),
};

/** What the target gives one call instead of the engine's answer: `undefined` keeps the engine's. */
type Front = (path: string, engineAnswer: () => Promise<string>) => Promise<Partial<Exchange> | undefined>;

/** A client whose calls the engine answers in this process, each call's path recorded, `front` before it. */
function inProcessClient(front: Front, sent: string[]): PayClient {
  async function send(body: unknown, options: SendOptions = {}): Promise<Exchange> {
    const path = options.path ?? API_PATHS.pay;
    sent.push(path);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { 'content-type': 'application/json', ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])) };
    const request = { method: 'POST' as const, url: new URL(path, BASE).toString(), headers, text, json: body };
    const engineAnswer = async () => (await engine.handle({ method: 'POST', path, headers, body: text })).body;
    const replaced = await front(path, engineAnswer);
    const exchange: Exchange = { request, canonical: real.canonicalOf(body), durationMs: 1, ...replaced };
    if (replaced !== undefined) return exchange;
    const answer = await engineAnswer();
    return { ...exchange, response: { status: 200, headers: { 'content-type': 'application/json' }, text: answer, body: JSON.parse(answer) } };
  }
  return { ...real, send, pay: (params, options) => send(real.sign(params), options) };
}

const answered = (text: string): Partial<Exchange> => ({ response: { status: 200, headers: { 'content-type': 'application/json' }, text, body: JSON.parse(text) } });

let runs = 0;
async function run(contractCase: ContractCase, front: Front) {
  const sent: string[] = [];
  const verdicts = await runCase(contractCase, {
    target, client: inProcessClient(front, sent), check, state: createRunState(),
    factory: nodeDataFactory({ seed: 7, app: DEMO_APP, encoding: 'base64', orderIdPrefix: `LT${++runs}x` }),
    skip: (reason) => assert.fail(`skipped: ${reason}`),
  });
  return { sent, verdicts, failing: verdicts.filter((v: Verdict) => v.findings.some((f) => f.severity === 'error')) };
}

const PAY_GIVES_NO_ORDER: Readonly<Record<string, { front: Front; why: RegExp }>> = {
  'no answer': {
    front: async (path) => (path === API_PATHS.pay ? { transportError: 'no answer within 15000 ms', transportCause: 'timeout' } : undefined),
    why: /\(no answer within 15000 ms\)$/,
  },
  'an error code': {
    front: async (path) => (path === API_PATHS.pay ? answered('{"code":3004,"msg":"签名错误","data":{}}') : undefined),
    why: /\(answered 3004\)$/,
  },
  'an order without its trade_no': {
    front: async (path, engineAnswer) => {
      if (path !== API_PATHS.pay) return undefined;
      const body = JSON.parse(await engineAnswer()) as { data: Record<string, unknown> };
      delete body.data.trade_no;
      return answered(JSON.stringify(body));
    },
    why: /\(answered 100[012] without trade_no\)$/,
  },
};

const CASES = [...LIFECYCLE_QUERY_CASES, ...LIFECYCLE_WRITE_CASES, ...LIFECYCLE_POLL_CASES];

for (const [kind, { front, why }] of Object.entries(PAY_GIVES_NO_ORDER)) {
  test(`a pay that gives no order (${kind}): every case that paid stops there, one finding, its report says why`, async () => {
    let paid = 0;
    for (const contractCase of CASES) {
      const { sent, failing } = await run(contractCase, front);
      if (sent[0] !== API_PATHS.pay) continue;
      paid++;
      assert.deepEqual(sent, [API_PATHS.pay], `${contractCase.title}: nothing may follow a pay that gave no order`);
      assert.equal(failing.length, 1, `${contractCase.title}: only the pay broke a rule`);
      assert.match(failing[0].stopped ?? '', /^the pay gave no (paid|paying|failed) order /, contractCase.title);
      assert.match(failing[0].stopped ?? '', why, contractCase.title);
      const { message } = failureReport(failing, 7, DEMO_APP.secret) ?? { message: '' };
      assert.match(message, /the case stopped here, its next calls not sent: the pay gave no /, contractCase.title);
      assert.doesNotMatch(message, /undefined/, contractCase.title);
    }
    assert.ok(paid >= 15, `only ${paid} cases paid`);
  });
}

const titled = (title: string) => CASES.find((c) => c.title.startsWith(title))!;

test('a refund that is refused: the check by its refund_order_id is not sent', async () => {
  const refused: Front = async (path) => (path === API_PATHS.refund ? answered('{"code":2001,"msg":"退款金额超出可退金额","data":{}}') : undefined);
  const { sent, failing } = await run(titled('check by refund_order_id'), refused);
  assert.deepEqual(sent, [API_PATHS.pay, API_PATHS.refund]);
  assert.equal(failing.length, 1);
  assert.equal(failing[0].stopped, 'the refund gave no granted refund (answered 2001)');
});

test('a pay that gives its order: the follow-ups are sent and pass', async () => {
  for (const title of ['get by order_id', 'get by trade_no alone', 'check by refund_order_id']) {
    const { sent, verdicts, failing } = await run(titled(title), async () => undefined);
    assert.ok(sent.length >= 2 && sent[0] === API_PATHS.pay, `${title}: ${sent.join(', ')}`);
    assert.deepEqual(failing.flatMap((v) => v.findings), [], title);
    assert.ok(verdicts.every((v) => v.stopped === undefined), title);
  }
});
