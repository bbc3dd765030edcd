/**
 * `paycheck checkout --allow-remote` against the production URL, answered in-process by the mock's
 * MSW handlers: nothing leaves the machine, and the warning about real money is printed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { manualClock } from '../../src/engine/index.ts';
import { createNodeEngine } from '../../src/adapters/http/build-engine.ts';
import { createMswHandlers } from '../../src/adapters/msw/handlers.ts';
import { PRODUCTION_BASE_URL } from '../../src/kernel/settings.ts';
import { captureIo, checkoutOn, steppedClock } from './support.ts';

const clock = manualClock();
const server = setupServer(...createMswHandlers(createNodeEngine({ clock, pendingMs: 60_000 }), { baseUrl: PRODUCTION_BASE_URL }));
before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());

test('--allow-remote warns that real pay codes move real money, then runs the flow', async () => {
  const c = captureIo();
  const code = await checkoutOn(steppedClock(clock), ['--amount', '0.30', '--base-url', PRODUCTION_BASE_URL, '--allow-remote'], c.io);
  assert.equal(code, 1, c.text());
  assert.equal(
    c.errText(),
    `warning: sending to ${PRODUCTION_BASE_URL}, not the mock — real pay codes move real money\npaycheck checkout: target ${PRODUCTION_BASE_URL}, app paycheck-demo-app, sign encoding base64 (error codes flowchart, mock controls yes)`,
  );
  assert.match(c.text(), /\/pay\/cancel {2}1000 {2}cancelled \(5\)/);
  assert.match(c.text(), /^outcome: cancelled/m);
});
