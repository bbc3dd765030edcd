/** Test-only helpers of the proxy tests: a proxy with the demo application in front of an upstream. */
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { createMask } from '../../src/kernel/redaction/mask.ts';
import { DEMO_APP } from '../../src/kernel/settings.ts';
import { startProxy, type ProxyOptions, type ProxyServer } from '../../src/runners/proxy/proxy-server.ts';

export function startTestProxy(upstream: string, options: Partial<ProxyOptions> = {}): Promise<ProxyServer> {
  return startProxy({ upstream, port: 0, spec: loadSpec(), apps: [{ ...DEMO_APP }], encoding: 'base64', mask: createMask(), ...options });
}

/** The findings' rules by side, each once, sorted. */
export function rulesOf(findings: readonly { side: string; rule: string }[], side: 'client' | 'server'): string[] {
  return [...new Set(findings.filter((f) => f.side === side).map((f) => f.rule))].sort();
}
