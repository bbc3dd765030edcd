/**
 * Test-only: valid signed pay requests of the demo application, and an engine in test mode
 * (manual clock, self-check on). Unique order ids per process so tests never collide.
 */
import { DEMO_APP } from '../../src/kernel/settings.ts';
import type { SignEncoding } from '../../src/kernel/signing/encoding.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { createEngine, manualClock, type EngineOptions, type MockRequest } from '../../src/engine/index.ts';

export const WECHAT_CODE = '134567890123456789';
export const ALIPAY_CODE = '284637162531748290';

export type Params = Record<string, unknown>;

let serial = 0;

export function nextOrderId(): string {
  return `T${process.pid}N${++serial}`;
}

/** An unsigned request with a fresh order id; overrides replace fields (undefined removes one). */
export function payParams(overrides: Params = {}): Params {
  const params: Params = { app_id: DEMO_APP.appId, sign_type: 'MD5', order_id: nextOrderId(), pay_code: WECHAT_CODE, total_amount: '1.00', ...overrides };
  for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
  return params;
}

export function sign(params: Params, options: { secret?: string; encoding?: SignEncoding } = {}): Params {
  return nodeSigner.signed(params, { secret: options.secret ?? DEMO_APP.secret, encoding: options.encoding ?? 'base64' });
}

/** payParams(overrides), signed with the demo secret. */
export function signedPay(overrides: Params = {}): Params {
  return sign(payParams(overrides));
}

/** A signed lifecycle request (get, check, cancel, refund) of the demo application. */
export function signedCall(fields: Params, options: { secret?: string; encoding?: SignEncoding } = {}): Params {
  return sign({ app_id: DEMO_APP.appId, sign_type: 'MD5', ...fields }, options);
}

let refundSerial = 0;

/** A refund number unique in this process. */
export function nextRefundId(): string {
  return `R${process.pid}N${++refundSerial}`;
}

export function payRequest(body: unknown, headers: MockRequest['headers'] = {}): MockRequest {
  return {
    method: 'POST',
    path: '/pay/qrcode',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  };
}

export function testEngine(options: Partial<EngineOptions> = {}) {
  const clock = manualClock();
  const engine = createEngine({ spec: loadSpec(), signer: nodeSigner, clock, selfCheck: true, ...options });
  return { engine, clock };
}

export interface Envelope {
  code: number;
  msg: string;
  data: Record<string, unknown>;
}
