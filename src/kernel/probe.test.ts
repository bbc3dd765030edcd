import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isProbeFault, probeHeader, readProbe } from './probe.ts';

test('a probe names the faults it is built to be refused with; what no fault of the list names declares nothing', () => {
  assert.deepEqual(probeHeader('signature'), { 'X-Paycheck-Probe': 'signature' });
  assert.deepEqual([...readProbe(probeHeader('format', 'signature')['X-Paycheck-Probe'])!], ['format', 'signature']);
  assert.deepEqual([...readProbe(['missing', ' appId ,bogus'])!], ['missing', 'appId']);
  assert.deepEqual([...readProbe('yes')!], []);
  assert.equal(readProbe(undefined), undefined);
  // A repeat or a duplicate order is the order's business, refused after the first four steps: never a probe.
  assert.deepEqual(['missing', 'format', 'appId', 'signature', 'duplicateOrder', 'alreadyPaid'].map((f) => isProbeFault(f as Parameters<typeof isProbeFault>[0])), [true, true, true, true, false, false]);
});
