import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../adapters/node/spec-file.ts';
import { channelOfPayCode, PAY_CODE_SHAPES } from './channel.ts';

test("the pay-code shapes are openapi.yaml's pay_code pattern, one channel each", () => {
  const pattern = (loadSpec().components.schemas.PayRequest as { properties: { pay_code: { pattern: string } } }).properties.pay_code.pattern;
  assert.equal(pattern, `^(${PAY_CODE_SHAPES.wechat}|${PAY_CODE_SHAPES.alipay})$`);
  assert.equal(channelOfPayCode('134567890123456789'), 'wechat');
  assert.equal(channelOfPayCode('2846371625317482'), 'alipay');
  assert.equal(channelOfPayCode('164567890123456789'), undefined);
});
