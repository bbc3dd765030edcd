/**
 * A broken variant on loopback: the real mock server with a wrapped engine. `npx tsx
 * src/runners/contracts/broken/server.ts <variant> [port]` runs one by hand (aim the suite at it with
 * PAY_BASE_URL); tests call startBrokenServer.
 */
import { pathToFileURL } from 'node:url';
import { DEMO_APP, signEncodingFrom } from '../../../kernel/settings.ts';
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import { createNodeEngine } from '../../../adapters/http/build-engine.ts';
import { startMockServer, type MockServer } from '../../../adapters/http/server.ts';
import { CONTRACT_PENDING_MS } from '../support/target.ts';
import { BROKEN_VARIANTS, variantByName, type BrokenVariant } from './variants.ts';
import type { MockHandler } from '../../../engine/index.ts';

export interface BrokenServerOptions {
  port?: number;
  /**
   * False: a sandbox as a real platform runs one — `X-Mock-*` request headers ignored, `/__mock/*`
   * not found, outcomes chosen by the amount only (the mock's table, modelled on WeChat's sandbox).
   */
  controls?: boolean;
  /** The sign encoding it verifies (default PAY_SIGN_ENCODING). */
  encoding?: SignEncoding;
}

/** The mock with its handle wrapped by a variant (a broken one here, or any other that wraps it the same way). */
export async function startBrokenServer(variant: Pick<BrokenVariant, 'engine' | 'wrap'> | undefined, { port = 0, controls = true, encoding = signEncodingFrom(process.env) }: BrokenServerOptions = {}): Promise<MockServer> {
  const engine = createNodeEngine({ signEncoding: encoding, pendingMs: CONTRACT_PENDING_MS, ...variant?.engine });
  const broken = variant ? variant.wrap(engine.handle, { app: DEMO_APP, encoding }) : engine.handle;
  const handle = controls ? broken : withoutControls(broken);
  return startMockServer({ port, engine: { ...engine, handle: handle as typeof engine.handle } });
}

function withoutControls(handle: MockHandler): MockHandler {
  return async (request) => {
    if (request.path.startsWith('/__mock/')) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !name.toLowerCase().startsWith('x-mock-')));
    const response = await handle({ ...request, headers });
    const { 'x-mock-scenario': _scenario, ...answerHeaders } = response.headers;
    return { ...response, headers: answerHeaders };
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [name, port] = process.argv.slice(2);
  const variant = name === undefined ? undefined : variantByName(name);
  if (!variant) {
    console.error(`usage: tsx src/runners/contracts/broken/server.ts <variant> [port]\nvariants: ${BROKEN_VARIANTS.map((v) => v.name).join(', ')}`);
    process.exit(2);
  }
  const server = await startBrokenServer(variant, { port: Number(port ?? 0) });
  console.log(`broken variant "${variant.name}" (${variant.breaks}) on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
