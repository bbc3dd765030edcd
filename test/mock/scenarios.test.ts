/** Every scenario, by amount and by X-Mock-Scenario, over real HTTP. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCENARIOS, type Scenario } from '../../src/engine/index.ts';
import { signedPay } from '../support/signed-request.ts';
import { useTestServer } from '../support/test-server.ts';

const SLOW_MS = 40_000;
const PENDING_MS = 20_000;
const CODE = { paid: 1000, paying: 1002, failed: 1001, unknown: 5001 } as const;
const mock = useTestServer({ slowMs: SLOW_MS, pendingMs: PENDING_MS });

for (const scenario of SCENARIOS as readonly Scenario[]) {
  test(`${scenario.name}: ${scenario.description}`, async () => {
    const ways: [string, Record<string, string>, string][] = [['header', { 'x-mock-scenario': scenario.name.toLowerCase() }, '7.77']];
    if (scenario.amount) ways.push(['amount', {}, scenario.amount]);
    for (const [way, headers, amount] of ways) {
      mock().sleeps.length = 0;
      const answer = await mock().post(signedPay({ total_amount: amount }), headers);
      assert.equal(answer.status, 200);
      assert.equal(answer.envelope.code, CODE[scenario.outcome], way);
      assert.equal(answer.headers.get('x-mock-scenario'), scenario.name, way);
      assert.deepEqual(mock().sleeps, scenario.slow ? [SLOW_MS] : [], `${way}: slow answers wait`);
      if (scenario.outcome === 'unknown') continue;
      const data = answer.envelope.data;
      const orderStatus = { paid: 1, paying: 0, failed: -1 }[scenario.outcome];
      assert.equal(data.order_status, orderStatus, way);
      if (scenario.outcome !== 'paid') assert.equal(data.real_amount, 0, `${way}: unpaid answers carry real_amount 0`);
      if (scenario.outcome === 'paid') assert.equal((data.voucher_list as unknown[]).length, scenario.vouchers.length, way);
    }
  });
}

test('the header wins over the amount', async () => {
  const answer = await mock().post(signedPay({ total_amount: '0.32' }), { 'X-Mock-Scenario': 'VOUCHER' });
  assert.equal(answer.envelope.code, 1000);
  assert.equal(answer.headers.get('x-mock-scenario'), 'VOUCHER');
});

test('any amount without a scenario succeeds as SUCCESS', async () => {
  const answer = await mock().post(signedPay({ total_amount: '88.88' }));
  assert.equal(answer.envelope.code, 1000);
  assert.equal(answer.headers.get('x-mock-scenario'), 'SUCCESS');
});

test('a USER_PAYING order is paid once the pending delay passes on the clock; a repeat then sees 1003', async () => {
  const params = signedPay({ total_amount: '0.30' });
  assert.equal((await mock().post(params)).envelope.code, 1002);
  assert.equal((await mock().post(params)).envelope.code, 1007);
  mock().clock.advance(PENDING_MS);
  assert.equal((await mock().post(params)).envelope.code, 1003);
  const view = await mock().get(`/__mock/orders/${String(params.order_id)}`);
  assert.equal(view.json.state, 'paid');
  assert.equal((view.json.data as { real_amount: number }).real_amount, 0.3);
});

test('an unknown scenario name is HTTP 400 and lists the known ones', async () => {
  const answer = await mock().post(signedPay(), { 'x-mock-scenario': 'LOTTERY' });
  assert.equal(answer.status, 400);
  assert.match(answer.text, /USER_PAYING/);
});
