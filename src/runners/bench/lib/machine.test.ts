import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coresToPin, describeMachine, parseCpuList, pinForBenchmark } from './machine.ts';

test('unpinned, a benchmark says why and runs its servers as they are; its machine facts are recorded', () => {
  const { machine, onServerCore } = pinForBenchmark(false);
  assert.deepEqual(machine.pinning, { unpinned: 'asked not to (--no-pin)' });
  assert.deepEqual(onServerCore(['node', 'server.ts']), ['node', 'server.ts']);
  assert.equal(machine.node, process.version);
  assert.ok(machine.cores >= 1 && machine.cpuModel.length > 0 && !Number.isNaN(Date.parse(machine.date)));
  assert.match(describeMachine(machine), /^\d+ cores? \(.+\), Node v\d+\.\d+\.\d+; unpinned: asked not to \(--no-pin\)$/);
});

test('the cores pinned are the first and the last this process may use, read from the CPU list', () => {
  assert.deepEqual(parseCpuList('0-1\n'), [0, 1]);
  assert.deepEqual(parseCpuList(' 0,2-3'), [0, 2, 3]);
  assert.equal(parseCpuList('0-'), undefined);
  assert.equal(parseCpuList('3-1'), undefined);
  // A container allowed cores 2 and 3 of four: core 0 is not this process's to take.
  assert.deepEqual(coresToPin([2, 3]), { generator: 2, server: 3 });
  assert.deepEqual(coresToPin([0, 1, 2, 3]), { generator: 0, server: 3 });
  assert.deepEqual(coresToPin([1]), { unpinned: 'one core only' });
});
