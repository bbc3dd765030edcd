/**
 * A fuzz run: each property of each call asked for (and the stateful one with `stateful`) checked
 * by fast-check within the budget — so many runs each, or a share of a duration — against one
 * target, with its own seed drawn from the run's; a failure shrunk to its minimal case (not on a
 * remote target where every further run would spend a real pay code), with the token that
 * replays it. A replay runs the one property at the token's seed and path and stops at its case.
 */
import fc from 'fast-check';
import { describeBudget, type FuzzBudget } from './budget.ts';
import type { FuzzReport, PropertyReport } from '../../checks/report/fuzz-report.ts';
import { callProperties, type FuzzProperty } from './properties.ts';
import { formatToken, type ReplayToken } from './replay-token.ts';
import { createSession, FailedCase, type FuzzTarget } from './session.ts';
import { statefulProperty } from './stateful.ts';
import { CALL_PATHS, type ApiPath, type SpecDocument } from './spec-schema.ts';

export interface FuzzRunOptions {
  document: SpecDocument;
  target: FuzzTarget;
  paths: readonly ApiPath[];
  stateful: boolean;
  budget: FuzzBudget;
  /** The run's seed; each property's is drawn from it and its name. */
  seed: number;
  replay?: ReplayToken;
  /** Told of each property as it ends. */
  onProperty?(report: PropertyReport): void;
}

/** FNV-1a of the run's seed and the property's name: one seed per property, stable across runs. */
function propertySeed(seed: number, id: string): number {
  let hash = 0x811c9dc5;
  for (const c of `${seed}:${id}`) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193);
  return hash | 0;
}

export async function runFuzz(options: FuzzRunOptions): Promise<FuzzReport> {
  const started = Date.now();
  const replay = options.replay;
  // A replay finds its property whatever --paths says; the stateful one calls every path.
  const paths = replay ? CALL_PATHS : options.paths;
  const session = createSession(options.document, options.target, replay || options.stateful ? CALL_PATHS : paths);
  const every: FuzzProperty[] = [...paths.flatMap((path) => callProperties(session, path)), ...(options.stateful || replay ? [statefulProperty(session)] : [])];
  const chosen = replay ? every.filter((p) => p.id === replay.property) : every;
  if (replay && chosen.length === 0) throw new RangeError(`--replay names property ${replay.property}, which this run does not have (${every.map((p) => p.id).join(', ')})`);
  const running = chosen.filter((p) => p.skipped === undefined).length;
  const properties: PropertyReport[] = [];
  for (const property of chosen) {
    const report = await runProperty(property, options, running);
    properties.push(report);
    options.onProperty?.(report);
  }
  return {
    target: options.target.baseUrl,
    appId: options.target.app.appId,
    seed: options.seed,
    budget: replay ? `a replay of ${replay.property}` : describeBudget(options.budget),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks: session.checkNames,
    properties,
    coverage: session.coverage.report(),
  };
}

async function runProperty(property: FuzzProperty, options: FuzzRunOptions, running: number): Promise<PropertyReport> {
  const base = { id: property.id, call: property.call, kind: property.kind };
  if (property.skipped !== undefined) return { ...base, status: 'skipped', runs: 0, skips: 0, note: property.skipped, durationMs: 0 };
  const { replay, budget } = options;
  const started = Date.now();
  const share = 'durationMs' in budget ? Math.max(1_000, Math.floor(budget.durationMs / Math.max(1, running))) : undefined;
  const noShrink = replay !== undefined || (property.spendsCodes && !options.target.loopback);
  const details = await fc.check(property.build(replay?.replayPath), {
    seed: replay?.seed ?? propertySeed(options.seed, property.id),
    numRuns: 'runs' in budget ? budget.runs : Number.MAX_SAFE_INTEGER,
    endOnFailure: noShrink,
    ...(replay ? { path: replay.path } : {}),
    ...(share === undefined ? {} : { plugins: [fc.interruptAfterTimeLimit(share)] }),
  });
  const durationMs = Date.now() - started;
  const runs = details.numRuns;
  if (!details.failed) return { ...base, status: 'passed', runs, skips: details.numSkips, durationMs, ...(details.interrupted ? { note: 'stopped at its share of the duration' } : {}) };
  const error = details.errorInstance;
  if (details.counterexample === null) {
    // No case failed: the time share ended before a run did, or too few runs were money-safe to send.
    const note = details.interrupted ? 'its share of the duration ended before a run did' : 'too few runs could be sent without moving money';
    return { ...base, status: 'passed', runs, skips: details.numSkips, durationMs, note };
  }
  if (!(error instanceof FailedCase)) throw error instanceof Error ? error : new Error(String(error));
  const token = formatToken({
    property: property.id,
    rsa: options.target.rsa !== undefined,
    seed: details.seed,
    path: details.counterexamplePath,
    replayPath: property.replayPathOf?.(details.counterexample as [unknown]),
  });
  return {
    ...base, status: 'failed', runs, skips: details.numSkips, durationMs,
    failure: { steps: error.steps, token, seed: details.seed, path: details.counterexamplePath, shrinks: details.numShrinks },
  };
}
