/**
 * How busy a run kept each side. A throughput ratio only measures the generator's own cost when
 * the generator's core is full; with a few calls in flight neither side may be (round trips, not
 * work, set the pace), and then CPU per call says what throughput cannot.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks a second, the unit of /proc/PID/stat's times (100 on Linux almost everywhere). */
const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** CPU time (user + system) used so far, in µs, by this process. */
export function ownCpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** CPU time (user + system) used so far, in µs, by another process; undefined where /proc cannot tell (not Linux, or it has exited). */
export function processCpuUs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The fields after the command's closing parenthesis start at the 3rd; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_S) * 1e6;
  } catch {
    return undefined;
  }
}

export interface CpuUse {
  /** The generator's (this process's) CPU µs per call answered. */
  generatorUsPerCall: number;
  /** Its CPU time over the run's wall time: 1 is one full core. */
  generatorCore: number;
  /** The server's, the same way; undefined where /proc cannot tell. */
  serverCore: number | undefined;
  /** The server's CPU µs per call answered; undefined where /proc cannot tell. */
  serverUsPerCall: number | undefined;
}

/** Runs `run`, which answers how many calls it had answered, and says how busy it kept this process and the server `pid`. */
export async function measureCpu<T>(pid: number, run: () => Promise<T>, answered: (result: T) => number): Promise<{ result: T; cpu: CpuUse }> {
  const wall = performance.now();
  const own = ownCpuUs();
  const server = processCpuUs(pid);
  const result = await run();
  const wallUs = (performance.now() - wall) * 1000;
  const ownUs = ownCpuUs() - own;
  const serverNow = processCpuUs(pid);
  const serverUs = server === undefined || serverNow === undefined ? undefined : serverNow - server;
  const calls = Math.max(1, answered(result));
  return {
    result,
    cpu: {
      generatorUsPerCall: ownUs / calls,
      generatorCore: ownUs / wallUs,
      serverCore: serverUs === undefined ? undefined : serverUs / wallUs,
      serverUsPerCall: serverUs === undefined ? undefined : serverUs / calls,
    },
  };
}
