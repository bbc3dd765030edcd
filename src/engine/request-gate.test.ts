import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeSigner } from '../adapters/node/node-digests.ts';
import { loadSpec } from '../adapters/node/spec-file.ts';
import { DEMO_APP } from '../kernel/settings.ts';
import { payRequest, signedPay } from '../../test/support/signed-request.ts';
import { createRequestGate } from './request-gate.ts';
import { SIGN_DIAGNOSES_PER_SECOND } from './steps/signature.ts';

test("the gate's refused signs carry their diagnosis, budgeted per second of the gate's clock", () => {
  let now = 5_000;
  const judge = createRequestGate({ spec: loadSpec(), apps: [DEMO_APP], signer: nodeSigner, encoding: 'base64', now: () => now });
  const refuse = () => judge(payRequest({ ...signedPay(), sign: signedPay({ order_id: 'ANOTHER' }).sign }))!.refused!;
  const first = refuse();
  assert.equal(first.step, 'signature');
  assert.deepEqual(first.signDiagnosis?.mistakes.map((m) => m.id), ['wrong-secret'], 'a sign of other parameters: right form, no mistake in the string');
  for (let i = 1; i < SIGN_DIAGNOSES_PER_SECOND; i++) assert.ok(refuse().signDiagnosis);
  assert.equal(refuse().signDiagnosis, undefined, 'past the second’s budget');
  now += 1_000;
  assert.ok(refuse().signDiagnosis, 'a new second, a new budget');
  assert.equal(judge(payRequest(signedPay()))!.refused, undefined);
});
