/** A failure report's curl command really reproduces the request (run with curl, compared). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import { test } from './support/fixtures.ts';
import { createPayClient } from '../../adapters/client/pay-client.ts';
import { nodeDataFactory } from '../../adapters/node/node-data-factory.ts';
import { curlCommand } from '../../checks/report/curl.ts';
import { renderExchangeReport } from '../../checks/report/exchange-report.ts';
import { readingCodes } from '../../checks/contract/readings.ts';

const run = promisify(execFile);

test.describe('reports', () => {
  test('the curl command of a report answers exactly as the original request did', { tag: ['@loopback-http'] }, async ({ target }) => {
    const client = createPayClient({ baseUrl: target.baseUrl, app: target.app, encoding: target.encoding });
    const factory = nodeDataFactory({ seed: Number(process.env.PAY_SEED), app: target.app, encoding: target.encoding, orderIdPrefix: `RC${process.env.PAYCHECK_RUN_TAG}` });
    const { total_amount: _, ...missing } = factory.unsignedRequest();
    const refused = await client.pay(missing);
    const curl = curlCommand(refused.request);
    const replay = await run('sh', ['-c', curl.command], { env: { ...process.env, ...curl.env } });
    expect(replay.stdout).toBe(refused.response?.text);
    expect(JSON.parse(replay.stdout).code).toBe(3001);
  });

  test('the curl command in a paid order’s report reaches the same order (a repeat: 1003 or 1007, D-34)', { tag: ['@loopback-http', '@moves-money'] }, async ({ target }) => {
    const client = createPayClient({ baseUrl: target.baseUrl, app: target.app, encoding: target.encoding });
    const factory = nodeDataFactory({ seed: Number(process.env.PAY_SEED) + 1, app: target.app, encoding: target.encoding, orderIdPrefix: `RP${process.env.PAYCHECK_RUN_TAG}` });
    const paid = await client.pay(factory.unsignedRequest());
    expect((paid.response?.body as { code?: number }).code).toBe(1000);
    // The command as the report prints it, over several lines, run as it stands.
    const report = renderExchangeReport({ exchange: paid, findings: [], seed: 1, secret: target.app.secret });
    const command = report.slice(report.indexOf('\ncurl ') + 1);
    expect(command).toBe(curlCommand(paid.request).lines);
    const replay = await run('sh', ['-c', command], { env: { ...process.env, ...curlCommand(paid.request).env } });
    expect(readingCodes('repeat-of-paid')).toContain(JSON.parse(replay.stdout).code);
  });
});
