import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmount } from '../kernel/money/money.ts';
import { ALIPAY_CODE, payRequest, signedPay, testEngine, WECHAT_CODE, type Envelope } from '../../test/support/signed-request.ts';
import { moneyProblems } from './self-check.ts';
import { DEFAULT_SCENARIO, SCENARIOS, scenarioByName, scenarioForAmount, type Scenario } from './scenarios.ts';
import type { PayResultData } from './pay-context.ts';

const fen = (yuan: string | number) => (parseAmount(yuan, { allowZero: true }) as { fen: number }).fen;

test('names and trigger amounts are unique; the sandbox amounts map as the issue lists', () => {
  assert.equal(new Set(SCENARIOS.map((s) => s.name)).size, SCENARIOS.length);
  const amounts = (SCENARIOS as readonly Scenario[]).flatMap((s) => (s.amount ? [s.amount] : []));
  assert.equal(new Set(amounts).size, amounts.length);
  const expected: Record<string, string> = { '0.01': 'SUCCESS', '0.02': 'VOUCHER', '0.03': 'TWO_VOUCHERS', '0.30': 'USER_PAYING', '0.31': 'PAID_SLOW', '0.32': 'FAILED', '0.33': 'UNKNOWN_SLOW', '0.34': 'VOUCHER_SLOW' };
  for (const [amount, name] of Object.entries(expected)) assert.equal(scenarioForAmount(fen(amount))?.name, name, amount);
  assert.equal(scenarioForAmount(fen('12.34')), undefined);
  assert.equal(scenarioByName('user_paying')?.name, 'USER_PAYING');
  assert.equal(DEFAULT_SCENARIO.name, 'SUCCESS');
});

test('every scenario, on both channels and at small and large amounts, answers per spec and keeps the money rules', () => {
  const expectedCode = { paid: 1000, paying: 1002, failed: 1001, unknown: 5001 } as const;
  for (const scenario of SCENARIOS as readonly Scenario[]) {
    for (const payCode of [WECHAT_CODE, ALIPAY_CODE]) {
      for (const amount of ['0.01', '0.02', '0.03', '0.05', '123.45', '1000000.00']) {
        const { engine } = testEngine(); // self-check on: a spec violation throws here
        const response = engine.handle(payRequest(signedPay({ total_amount: amount, pay_code: payCode }), { 'x-mock-scenario': scenario.name }));
        const label = `${scenario.name} ${payCode.slice(0, 2)} ${amount}`;
        const body = JSON.parse(response.body) as Envelope;
        assert.equal(body.code, expectedCode[scenario.outcome], label);
        assert.equal(response.headers['x-mock-scenario'], scenario.name, label);
        if (scenario.slow) assert.ok((response.delayMs ?? 0) > 0, `${label} is slow`);
        else assert.equal(response.delayMs, undefined, label);
        if (body.code === 5001) continue;
        const data = body.data as unknown as PayResultData;
        assert.deepEqual(moneyProblems(data), [], label);
        assert.equal(data.pay_type, payCode === WECHAT_CODE ? 0 : 1, label);
        const total = fen(data.total_amount);
        const payable = fen(data.payable_amount);
        if (scenario.memberDiscount && total >= 2) assert.ok(payable < total, `${label}: member discount`);
        if (!scenario.memberDiscount) assert.equal(payable, total, label);
        if (scenario.outcome === 'paid' && scenario.vouchers.length > 0 && total >= scenario.vouchers.length) {
          assert.equal(data.voucher_list.length, scenario.vouchers.length, `${label}: vouchers`);
        }
      }
    }
  }
});

test('the 0.03 scenario has one COUPON and one DISCOUNT (免充值) voucher', () => {
  const { engine } = testEngine();
  const body = JSON.parse(engine.handle(payRequest(signedPay({ total_amount: '0.03' }))).body) as Envelope;
  const vouchers = (body.data as unknown as PayResultData).voucher_list;
  assert.deepEqual(vouchers.map((v) => [v.type, v.amount]), [['COUPON', 0.01], ['DISCOUNT', 0.02]]);
});
