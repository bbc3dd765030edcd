/**
 * `import … from 'paycheck'`: what a cashier team uses from its own tests — the signer, the
 * client, seeded data, the result codes, preflight. The mock has entry points of its own
 * (`paycheck/msw` in-process, `paycheck/mock` over HTTP), so importing the signer loads no MSW.
 */
export { canonicalString } from '../kernel/signing/canonical.ts';
export { createSigner, type Digests, type Signer, type SignOptions } from '../kernel/signing/signer.ts';
export { nodeSigner } from '../adapters/node/node-digests.ts';
export { createPayClient, type Exchange, type PayClient, type PayClientOptions } from '../adapters/client/pay-client.ts';
export { nodeDataFactory } from '../adapters/node/node-data-factory.ts';
export type { DataFactory, Goods, PayRequest, StoreInfo } from '../kernel/factories/data-factory.ts';
export { CODES, codeEntry, DIALECT_CODES, type Code, type CodeEntry, type ErrorDialect } from '../kernel/codes.ts';
export { API_PATHS } from '../kernel/spec/api-paths.ts';
export { DEMO_APP, PRODUCTION_BASE_URL, appCredentialsFrom, type AppCredentials } from '../kernel/settings.ts';
export { preflight, renderPreflight, type PreflightReport } from '../checks/preflight/preflight.ts';
export { auditJournal } from '../checks/audit/audit.ts';
export { journalEntriesOf } from '../checks/audit/journal-input.ts';
