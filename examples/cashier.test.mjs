// A cashier team's own test, run with `node --test`: pays through paycheck's mock in-process
// (MSW intercepts the production URL, so nothing leaves the machine) and checks what the
// cashier would do with each answer. Copy it into your project next to your cashier's code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { createMswHandlers, createNodeEngine, DEMO_APP, PRODUCTION_BASE_URL } from 'paycheck/msw';
import { createPayClient, nodeDataFactory } from 'paycheck';

const server = setupServer(...createMswHandlers(createNodeEngine({ pendingMs: 1_000 }), { baseUrl: PRODUCTION_BASE_URL }));
before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());

// Your cashier would build and sign its own requests; the factory stands in for it here.
const orders = nodeDataFactory({ seed: 42, app: DEMO_APP, encoding: 'base64' });
const client = createPayClient({ baseUrl: PRODUCTION_BASE_URL, app: DEMO_APP, encoding: 'base64', allowRemote: true });

test('a signed order is paid (1000) and its order_id echoed', async () => {
  const request = orders.unsignedRequest({ amountFen: 1 });
  const { response } = await client.pay(request);
  assert.equal(response?.body.code, 1000);
  assert.equal(response?.body.data.order_id, request.order_id);
});

test('0.30 makes the customer enter a password: 1002, and the cashier must query, not pay again', async () => {
  const { response } = await client.pay(orders.unsignedRequest({ amountFen: 30 }));
  assert.equal(response?.body.code, 1002);
  assert.equal(response?.body.data.order_status, 0);
});

test('a wrong secret is refused as a bad signature (3004)', async () => {
  const wrong = createPayClient({ baseUrl: PRODUCTION_BASE_URL, app: { ...DEMO_APP, secret: 'not-it' }, encoding: 'base64', allowRemote: true });
  const { response } = await wrong.pay(orders.unsignedRequest());
  assert.equal(response?.body.code, 3004);
});
