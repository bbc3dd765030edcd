/**
 * A broken variant on loopback: the real mock server with a wrapped engine. `npx tsx
 * src/runners/contracts/broken/server.ts <variant> [port]` runs one by hand (aim the suite at it with
 * PAY_BASE_URL); tests call startBrokenServer.
 */
import { pathToFileURL } from 'node:url';
import { DEMO_APP, signEncodingFrom } from '../../../kernel/settings.ts';
import { createNodeEngine } from '../../../adapters/http/build-engine.ts';
import { startMockServer, type MockServer } from '../../../adapters/http/server.ts';
import { CONTRACT_PENDING_MS } from '../support/target.ts';
import { BROKEN_VARIANTS, variantByName, type BrokenVariant } from './variants.ts';

export async function startBrokenServer(variant: BrokenVariant, port = 0): Promise<MockServer> {
  const encoding = signEncodingFrom(process.env);
  const engine = createNodeEngine({ signEncoding: encoding, pendingMs: CONTRACT_PENDING_MS, ...variant.engine });
  const handle = variant.wrap(engine.handle, { app: DEMO_APP, encoding });
  return startMockServer({ port, engine: { ...engine, handle: handle as typeof engine.handle } });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [name, port] = process.argv.slice(2);
  const variant = name === undefined ? undefined : variantByName(name);
  if (!variant) {
    console.error(`usage: tsx src/runners/contracts/broken/server.ts <variant> [port]\nvariants: ${BROKEN_VARIANTS.map((v) => v.name).join(', ')}`);
    process.exit(2);
  }
  const server = await startBrokenServer(variant, Number(port ?? 0));
  console.log(`broken variant "${variant.name}" (${variant.breaks}) on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
