import { test } from 'node:test';
import assert from 'node:assert/strict';
import { payRequest, signedPay, testEngine } from '../../test/support/signed-request.ts';
import { runPipeline } from './pipeline.ts';
import { STEP_NAMES, FAULT_POINTS, type FaultPoint } from './step-names.ts';
import type { PayContext, Step } from './pay-context.ts';

const ctx = {} as PayContext;
const steps = (stopAt?: string): Step[] => STEP_NAMES.map((name) => ({ name, run: () => (name === stopAt || name === 'result' ? { code: 1000 as const } : undefined) }));

test('the steps run in the flowchart order, each point visited once, result always last', () => {
  const seen: FaultPoint[] = [];
  runPipeline(steps(), ctx, (point) => void seen.push(point));
  assert.deepEqual(seen, [...FAULT_POINTS]);
  const early: FaultPoint[] = [];
  runPipeline(steps('format'), ctx, (point) => void early.push(point));
  assert.deepEqual(early, ['received', 'presence', 'format', 'result'], 'an early answer still reaches `result`');
});

test('a hook ends the request at its point', () => {
  const ran: string[] = [];
  const tracked = steps().map((s) => ({ ...s, run: (c: PayContext) => (ran.push(s.name), s.run(c)) }));
  const end = runPipeline(tracked, ctx, (point) => (point === 'signature' ? { kind: 'fault', fault: 'reset' } : undefined));
  assert.deepEqual(end, { kind: 'fault', fault: 'reset' });
  assert.deepEqual(ran, ['presence', 'format', 'app', 'signature']);
});

test('faults before the channel step leave no order; after it, the order is recorded', () => {
  for (const [point, recorded] of [['received', false], ['order', false], ['discount', false], ['channel', true], ['result', true]] as const) {
    const { engine } = testEngine();
    const params = signedPay();
    const response = engine.handle(payRequest(params, { 'x-mock-fault': `reset@${point}` }));
    assert.equal(response.fault?.then, 'reset', point);
    assert.equal(engine.orders.size, recorded ? 1 : 0, point);
    const again = JSON.parse(engine.handle(payRequest(params)).body) as { code: number };
    assert.equal(again.code, recorded ? 1003 : 1000, `${point}: the retry`);
  }
});
