/** The applications the mock knows: `app_id` → secret (and, for sign_type RSA, a public key). */
import { MockControlError } from './control-error.ts';

export interface AppConfig {
  appId: string;
  secret: string;
  /** PEM, for requests signed with sign_type RSA. */
  rsaPublicKey?: string;
  /** false → the application exists but is not enabled: 5000. Default true. */
  enabled?: boolean;
}

export type AppRegistry = ReadonlyMap<string, AppConfig>;

export function appRegistry(apps: readonly AppConfig[]): AppRegistry {
  if (apps.length === 0) throw new MockControlError('the mock needs at least one application');
  const registry = new Map<string, AppConfig>();
  for (const app of apps) {
    if (typeof app.appId !== 'string' || app.appId === '' || typeof app.secret !== 'string' || app.secret === '') {
      throw new MockControlError('each application needs a non-empty appId and secret');
    }
    if (registry.has(app.appId)) throw new MockControlError(`application ${app.appId} is listed twice`);
    registry.set(app.appId, app);
  }
  return registry;
}

/** Reads an apps file's JSON text: `[{ "appId", "secret", "rsaPublicKey"?, "enabled"? }, …]`. */
export function parseAppsFile(text: string, source: string): AppConfig[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MockControlError(`${source}: not JSON`);
  }
  if (!Array.isArray(value)) throw new MockControlError(`${source}: expected an array of applications`);
  return value.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) throw new MockControlError(`${source}[${i}]: expected an object`);
    const { appId, secret, rsaPublicKey, enabled } = item as Record<string, unknown>;
    if (typeof appId !== 'string' || typeof secret !== 'string') throw new MockControlError(`${source}[${i}]: appId and secret must be strings`);
    if (rsaPublicKey !== undefined && typeof rsaPublicKey !== 'string') throw new MockControlError(`${source}[${i}]: rsaPublicKey must be a PEM string`);
    if (enabled !== undefined && typeof enabled !== 'boolean') throw new MockControlError(`${source}[${i}]: enabled must be true or false`);
    return { appId, secret, rsaPublicKey, enabled };
  });
}
