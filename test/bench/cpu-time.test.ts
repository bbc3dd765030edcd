import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { measureCpu, ownCpuUs, processCpuUs } from '../../src/runners/bench/lib/cpu-time.ts';

/** Works until this process has spent `us` of CPU — not of wall time, which a busy machine stretches — or 20 s have passed. */
function burn(us: number): void {
  const start = ownCpuUs();
  const end = performance.now() + 20_000;
  let x = 0;
  while (ownCpuUs() - start < us && performance.now() < end) for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + 1);
  if (x < 0) throw new Error('unreachable');
}

test('/proc/PID/stat read for this process agrees with process.cpuUsage over 300 ms of CPU, within its clock ticks', { skip: processCpuUs(process.pid) === undefined ? 'no /proc here' : false }, () => {
  const proc = processCpuUs(process.pid)!;
  const own = ownCpuUs();
  burn(300_000);
  const procSpent = processCpuUs(process.pid)! - proc;
  const ownSpent = ownCpuUs() - own;
  assert.ok(ownSpent >= 300_000, `burnt ${ownSpent} µs`);
  // /proc counts in ticks (10 ms at the usual 100 a second): one at each end.
  assert.ok(Math.abs(procSpent - ownSpent) <= 30_000, `/proc said ${procSpent} µs, cpuUsage ${ownSpent} µs`);
});

test('a process that has exited, or never was, reads as undefined, not a throw', async () => {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(processCpuUs(pid), undefined);
  assert.equal(processCpuUs(2 ** 30), undefined);
});

test("measureCpu: the server's CPU over the run, as a share of a core and per call", { skip: processCpuUs(process.pid) === undefined ? 'no /proc here' : false }, async () => {
  // A child that spins for longer than the measured half second: the whole window is its work.
  const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 3000; while (Date.now() < end);']);
  try {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { result, cpu } = await measureCpu(child.pid!, () => new Promise<number>((resolve) => setTimeout(() => resolve(100), 500)), (calls) => calls);
    assert.equal(result, 100);
    // On a busy machine a spinning child gets what the scheduler leaves it: some of a core, never more than one.
    assert.ok(cpu.serverCore !== undefined && cpu.serverCore > 0.02 && cpu.serverCore <= 1.1, `the spinning child used ${cpu.serverCore} of a core`);
    // Per call and per core are one figure over two divisors: their quotient is the run's wall time.
    const wallUs = (cpu.serverUsPerCall! * 100) / cpu.serverCore;
    assert.ok(wallUs >= 500_000 && wallUs < 1_500_000, `${wallUs} µs of wall time`);
    assert.ok(cpu.generatorUsPerCall >= 0 && cpu.generatorCore >= 0);
  } finally {
    child.kill();
  }
});
