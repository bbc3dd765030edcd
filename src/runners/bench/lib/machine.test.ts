import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeMachine, pinForBenchmark } from './machine.ts';

test('unpinned, a benchmark says why and runs its servers as they are; its machine facts are recorded', () => {
  const { machine, onServerCore } = pinForBenchmark(false);
  assert.deepEqual(machine.pinning, { unpinned: 'asked not to (--no-pin)' });
  assert.deepEqual(onServerCore(['node', 'server.ts']), ['node', 'server.ts']);
  assert.equal(machine.node, process.version);
  assert.ok(machine.cores >= 1 && machine.cpuModel.length > 0 && !Number.isNaN(Date.parse(machine.date)));
  assert.match(describeMachine(machine), /^\d+ cores \(.+\), Node v\d+\.\d+\.\d+; unpinned: asked not to \(--no-pin\)$/);
});
