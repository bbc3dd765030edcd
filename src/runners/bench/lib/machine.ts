/**
 * Where a benchmark ran, and on which cores: every result file says so, because figures from two
 * machines (or two hours of one shared machine) are not comparable.
 *
 * On a 2-core machine the load generator and the server fight for the same cores, and the
 * scheduler moves them about from run to run. Where `taskset` exists and may set affinity, the
 * benchmark pins itself (the generator) to the first core and each server to the last; where it
 * cannot, it says so and runs unpinned.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  date: string;
  /** The generator's and the servers' cores, or why they were not pinned. */
  pinning: { generator: number; server: number } | { unpinned: string };
}

export interface Pinning {
  machine: Machine;
  /** The command that runs `argv` on the server's core (or `argv` as it is, unpinned). */
  onServerCore(argv: readonly string[]): string[];
}

/**
 * Pins this process to the generator's core, when the OS allows; `pin: false` leaves it (and a
 * server started by a benchmark must not call this with `true`: it would leave its own core).
 */
export function pinForBenchmark(pin = true): Pinning {
  const cores = availableParallelism();
  const why = !pin ? 'asked not to (--no-pin)' : cores < 2 ? 'one core only' : (tasksetProblem() ?? pinSelf(0));
  const pinning: Machine['pinning'] = why === undefined ? { generator: 0, server: cores - 1 } : { unpinned: why };
  const machine: Machine = {
    cores,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    pinning,
  };
  return {
    machine,
    onServerCore: (argv) => ('server' in pinning ? ['taskset', '-c', String(pinning.server), ...argv] : [...argv]),
  };
}

/** This process, every thread of it, onto `core`: undefined when done, else why not. */
function pinSelf(core: number): string | undefined {
  const run = spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { encoding: 'utf8' });
  return run.status === 0 ? undefined : `taskset could not pin this process (${run.stderr.trim() || `exit ${run.status}`})`;
}

/** Undefined when `taskset` runs and may set affinity here; else the reason in a few words. */
function tasksetProblem(): string | undefined {
  const probe = spawnSync('taskset', ['-c', '0', 'true'], { encoding: 'utf8' });
  if (probe.error) return 'taskset is not installed';
  if (probe.status !== 0) return `taskset may not set affinity here (${probe.stderr.trim() || `exit ${probe.status}`})`;
  return undefined;
}

export function describeMachine(machine: Machine): string {
  const pin = 'generator' in machine.pinning ? `generator on core ${machine.pinning.generator}, servers on core ${machine.pinning.server}` : `unpinned: ${machine.pinning.unpinned}`;
  return `${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}; ${pin}`;
}
