/** The engine as Node runs it: spec read from openapi.yaml, Node's digests, memory in health. */
import { nodeSigner } from '../node/node-digests.ts';
import { loadSpec } from '../node/spec-file.ts';
import { createEngine, type Engine, type EngineOptions } from '../../engine/index.ts';

export type NodeEngineOptions = Omit<EngineOptions, 'spec' | 'signer'> & Partial<Pick<EngineOptions, 'spec' | 'signer'>>;

export function createNodeEngine(options: NodeEngineOptions = {}): Engine {
  const startedAt = Date.now();
  return createEngine({
    ...options,
    spec: options.spec ?? loadSpec(),
    signer: options.signer ?? nodeSigner,
    healthInfo:
      options.healthInfo ??
      (() => {
        const memory = process.memoryUsage();
        return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, uptimeMs: Date.now() - startedAt };
      }),
  });
}
