/**
 * The pay call's pipeline, the flowchart's eight steps: presence → format → app → signature →
 * order → discount → channel → result.
 */
import type { Code } from '../kernel/codes.ts';
import { parseAmount } from '../kernel/money/money.ts';
import type { SignEncoding } from '../kernel/signing/encoding.ts';
import type { Signer } from '../kernel/signing/signer.ts';
import type { SchemaSet } from '../kernel/spec/schemas.ts';
import type { AppRegistry } from './apps.ts';
import type { OrderRecord } from './order-record.ts';
import type { OrderStore } from './order-store.ts';
import type { PayContext, Step } from './pay-context.ts';
import { presenceRule } from './presence-rule.ts';
import { DEFAULT_SCENARIO, scenarioForAmount, type Scenario } from './scenarios.ts';
import { appStep } from './steps/app.ts';
import { channelStep } from './steps/channel.ts';
import { discountStep } from './steps/discount.ts';
import { formatStep } from './steps/format.ts';
import { orderStep } from './steps/order.ts';
import { presenceStep } from './steps/presence.ts';
import { resultStep } from './steps/result.ts';
import { signatureStep } from './steps/signature.ts';

/** What the steps that judge a request by itself (presence → format → app → signature) need. */
export interface RequestSetup {
  spec: { components: { schemas: Record<string, unknown> } };
  schemas: SchemaSet;
  apps: AppRegistry;
  signer: Signer;
  encoding: SignEncoding;
  codes: { missing: Code; format: Code; appId: Code; signature: Code };
}

export interface PaySetup extends RequestSetup {
  codes: RequestSetup['codes'] & { duplicateOrder: Code; alreadyPaid: Code };
  store: OrderStore;
  settle(record: OrderRecord, now: number): void;
  /** Told of each new order (status callbacks); absent when nobody listens. */
  created: ((record: OrderRecord) => void) | undefined;
  /** The configured scenario, ahead of the amount's (the request's header comes first). */
  scenario: Scenario | undefined;
  /** Its number: every trade_no of one engine starts with it. */
  startedAt: number;
  pendingMs: number;
  slowMs: number;
}

/**
 * The flowchart's first four steps, which judge the request by itself; the proxy runs them alone
 * (request-gate.ts) to know what the server should answer.
 */
export function payRequestSteps(setup: RequestSetup & { scenario: Scenario | undefined }): Step<PayContext>[] {
  const { codes } = setup;
  return [
    presenceStep(setup.schemas.validator('PayRequest'), presenceRule(setup.spec, 'PayRequest'), codes.missing),
    formatStep<PayContext>(codes.format, (ctx) => {
      const amount = parseAmount(ctx.params!.total_amount);
      if (!amount.ok) return { code: codes.format, reason: `total_amount: ${amount.reason}` };
      ctx.totalFen = amount.fen;
      ctx.scenario = ctx.control.scenario ?? setup.scenario ?? scenarioForAmount(amount.fen) ?? DEFAULT_SCENARIO;
      return undefined;
    }),
    appStep<PayContext>(setup.apps, codes.appId),
    signatureStep<PayContext>(setup.signer, setup.encoding, codes.signature),
  ];
}

export function paySteps(setup: PaySetup): Step<PayContext>[] {
  const { codes } = setup;
  let tradeSeq = 0;
  // The prefix once: every order keeps its trade_no, and a per-call template would keep its parts too.
  const tradePrefix = `LFT${setup.startedAt}`;
  const nextTradeNo = () => tradePrefix + String(++tradeSeq).padStart(8, '0');
  return [
    ...payRequestSteps(setup),
    orderStep(setup.store, setup.settle, codes),
    discountStep(),
    channelStep({ store: setup.store, nextTradeNo, pendingMs: setup.pendingMs, formatCode: codes.format, created: setup.created }),
    resultStep(setup.slowMs),
  ];
}
