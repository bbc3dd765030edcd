/**
 * Where a server's CPU time went, from the `.cpuprofile` Node writes with `--cpu-prof`: self time
 * by function and by module, in microseconds per request answered. Node's internals are grouped as
 * `node:*`, the garbage collector and the idle loop by their own names, so that a table adds up to
 * the wall time the profile covers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the system's monotonic clock, as `process.hrtime` reads it. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of the monotonic clock in microseconds: the measured run, not the start-up and warm-up. */
export interface Window {
  fromUs: number;
  toUs: number;
}

export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

interface ProfileRow {
  name: string;
  /** Microseconds of self time per request. */
  usPerRequest: number;
  share: number;
}

export interface ProfileSummary {
  /** Microseconds of profiled time per request, idle included. */
  totalUsPerRequest: number;
  busyUsPerRequest: number;
  byModule: ProfileRow[];
  byFunction: ProfileRow[];
}

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function moduleOf(frame: CallFrame): string {
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : `(${frame.functionName || 'native'})`;
  if (frame.url.startsWith('node:')) return frame.url.split('/')[0] === 'node:internal' ? 'node:internal' : frame.url;
  const path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  const local = relative(ROOT, path);
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(local);
  return dependency ? `dependency ${dependency[1]}` : local;
}

function rows(times: Map<string, number>, requests: number, busyUs: number, top: number): ProfileRow[] {
  return [...times.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, usPerRequest: us / requests, share: us / busyUs }));
}

const NOT_BUSY = new Set(['(idle)', '(program)']);

export function summarizeProfile(profile: CpuProfile, requests: number, window: Window, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at < window.fromUs || at > window.toUs) return;
    const frame = byId.get(id)!.callFrame;
    const module = moduleOf(frame);
    total += us;
    if (NOT_BUSY.has(module)) {
      idle += us;
      return;
    }
    modules.set(module, (modules.get(module) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${module}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  });
  if (total === 0) throw new Error('the profile has no samples inside the measured run (is its clock the monotonic one?)');
  const busy = total - idle;
  return { totalUsPerRequest: total / requests, busyUsPerRequest: busy / requests, byModule: rows(modules, requests, busy, top), byFunction: rows(functions, requests, busy, top) };
}

/** The main thread's profile from `dir`: the one with the most samples (tsx's module loader thread writes one too). */
export function readProfile(dir: string): CpuProfile {
  const profiles = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile)
    .sort((a, b) => b.samples.length - a.samples.length);
  if (profiles.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  return profiles[0];
}

export function formatProfile(summary: ProfileSummary): string[] {
  const table = (title: string, list: ProfileRow[]) => [
    title,
    ...list.map((row) => `  ${row.usPerRequest.toFixed(2).padStart(7)} µs  ${(row.share * 100).toFixed(1).padStart(5)} %  ${row.name}`),
  ];
  return [
    `busy ${summary.busyUsPerRequest.toFixed(2)} µs per request (of ${summary.totalUsPerRequest.toFixed(2)} µs profiled, idle included)`,
    ...table('self time by module:', summary.byModule),
    ...table('self time by function:', summary.byFunction),
  ];
}
