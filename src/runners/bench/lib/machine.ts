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
 * The cores are the first and the last this process may use, not 0 and the last of the machine:
 * a container or an outer `taskset` may allow only some (2-3 of 4), and the others refuse.
 */
export function pinForBenchmark(pin = true): Pinning {
  const cores = availableParallelism();
  const pinning: Machine['pinning'] = pin ? pinToAllowed() : { unpinned: 'asked not to (--no-pin)' };
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

function pinToAllowed(): Machine['pinning'] {
  const allowed = allowedCores();
  if (!Array.isArray(allowed)) return allowed;
  const chosen = coresToPin(allowed);
  return 'unpinned' in chosen ? chosen : (pinSelf(chosen.generator) ?? chosen);
}

/** The generator on the first allowed core, the servers on the last; why not, with fewer than two. */
export function coresToPin(allowed: readonly number[]): { generator: number; server: number } | { unpinned: string } {
  if (allowed.length < 2) return { unpinned: 'one core only' };
  return { generator: allowed[0], server: allowed[allowed.length - 1] };
}

/** `0,2-3` (taskset's and the kernel's CPU list form) as [0, 2, 3]; undefined when it is not one. */
export function parseCpuList(text: string): number[] | undefined {
  const cores: number[] = [];
  for (const part of text.trim().split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (range === null) return undefined;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from) return undefined;
    for (let core = from; core <= to; core++) cores.push(core);
  }
  return cores;
}

/** The cores this process may run on, as `taskset` reads them; else why pinning is not possible. */
function allowedCores(): number[] | { unpinned: string } {
  const probe = spawnSync('taskset', ['-c', '-p', String(process.pid)], { encoding: 'utf8' });
  if (probe.error) return { unpinned: 'taskset is not installed' };
  // `pid 123's current affinity list: 0-1`
  const cores = probe.status === 0 ? parseCpuList(probe.stdout.slice(probe.stdout.lastIndexOf(':') + 1)) : undefined;
  return cores ?? { unpinned: `taskset cannot read this process's cores (${probe.stderr.trim() || probe.stdout.trim() || `exit ${probe.status}`})` };
}

/** This process, every thread of it, onto `core`: undefined when done, else why not. */
function pinSelf(core: number): { unpinned: string } | undefined {
  const run = spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { encoding: 'utf8' });
  return run.status === 0 ? undefined : { unpinned: `taskset could not pin this process (${run.stderr.trim() || `exit ${run.status}`})` };
}

export function describeMachine(machine: Machine): string {
  const pin = 'generator' in machine.pinning ? `generator on core ${machine.pinning.generator}, servers on core ${machine.pinning.server}` : `unpinned: ${machine.pinning.unpinned}`;
  return `${machine.cores} ${machine.cores === 1 ? 'core' : 'cores'} (${machine.cpuModel}), Node ${machine.node}; ${pin}`;
}
