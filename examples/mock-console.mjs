// The mock started from your own code, with what `paycheck mock` gives it: the console at
// /__mock/ (`pages: serveConsole`) and a log line per request on standard output (`log`).
// Run it with `node mock-console.mjs`; it pays once, prints the console's address and stops.
import { createPayClient, nodeDataFactory } from 'paycheck';
import { CONSOLE_PATHS, createMockLog, DEMO_APP, serveConsole, startMockServer } from 'paycheck/mock';

const log = createMockLog({
  mode: 'auto', // a line per request, past 100 a second one summary line a second; or 'requests', 'summary'
  format: 'text', // or 'json', pino's NDJSON
  sink: { write: (text) => process.stdout.write(text), flush: () => undefined, end: async () => undefined },
});
const mock = await startMockServer({ port: 0, pages: serveConsole, log: log.request });
log.say(`mock on ${mock.url}; console: ${mock.url}${CONSOLE_PATHS.page}`);

const client = createPayClient({ baseUrl: mock.url, app: DEMO_APP, encoding: 'base64' });
const { response } = await client.pay(nodeDataFactory({ seed: 42, app: DEMO_APP, encoding: 'base64' }).unsignedRequest({ amountFen: 1 }));
const page = await fetch(`${mock.url}${CONSOLE_PATHS.page}`);
log.say(`paid: HTTP ${response?.status}; console page: HTTP ${page.status}`);

await mock.close();
log.close(); // the last second's summary, if it is due one
await log.end();
