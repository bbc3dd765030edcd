import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appCredentialsFrom, DEMO_APP, embeddedMockApps, isLoopbackUrl, signEncodingFrom } from './settings.ts';

test('loopback is 127.0.0.0/8, ::1 and localhost only', () => {
  for (const url of ['http://127.0.0.1:4010', 'http://127.8.9.10', 'http://localhost:1', 'http://[::1]:80/x']) assert.ok(isLoopbackUrl(url), url);
  for (const url of ['https://api.huishouyin.cn', 'http://10.0.0.1', 'http://192.168.1.1', 'http://127.0.0.1.example.com', 'not a url', 'http://0.0.0.0'])
    assert.equal(isLoopbackUrl(url), false, url);
});

test('credentials: both, neither (demo), or a clear error', () => {
  assert.deepEqual(appCredentialsFrom({}), DEMO_APP);
  assert.deepEqual(appCredentialsFrom({ PAY_APP_ID: 'a', PAY_APP_SECRET: 's' }), { appId: 'a', secret: 's' });
  assert.throws(() => appCredentialsFrom({ PAY_APP_ID: 'a' }), /PAY_APP_SECRET/);
});

test('sign encoding comes from PAY_SIGN_ENCODING', () => {
  assert.equal(signEncodingFrom({}), 'base64');
  assert.equal(signEncodingFrom({ PAY_SIGN_ENCODING: 'hex' }), 'hex');
});

test('a mock started for you knows the configured application and the demo one', () => {
  assert.deepEqual(embeddedMockApps({}), [DEMO_APP]);
  assert.deepEqual(embeddedMockApps({ PAY_APP_ID: 'myapp', PAY_APP_SECRET: 'mysecret' }), [{ appId: 'myapp', secret: 'mysecret' }, DEMO_APP]);
  assert.deepEqual(embeddedMockApps({ PAY_APP_ID: DEMO_APP.appId, PAY_APP_SECRET: 'other' }), [{ appId: DEMO_APP.appId, secret: 'other' }]);
});
