import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excusedBy, isProbeFault, probeHeader, readProbe } from './probe.ts';

test('a probe names the faults it is built to be refused with; what no fault of the list names declares nothing', () => {
  assert.deepEqual(probeHeader('signature'), { 'X-Paycheck-Probe': 'signature' });
  assert.deepEqual([...readProbe(probeHeader('format', 'signature')['X-Paycheck-Probe'])!], ['format', 'signature']);
  assert.deepEqual([...readProbe(['missing', ' appId ,bogus'])!], ['missing', 'appId']);
  assert.deepEqual([...readProbe('yes')!], []);
  assert.equal(readProbe(undefined), undefined);
  // A repeat or a duplicate order is the order's business, refused after the first four steps: never a probe.
  assert.deepEqual(['missing', 'format', 'appId', 'signature', 'duplicateOrder', 'alreadyPaid'].map((f) => isProbeFault(f as Parameters<typeof isProbeFault>[0])), [true, true, true, true, false, false]);
});

test('a mark excuses only a fault it declares: none without the mark, none for a fault it cannot declare', () => {
  assert.equal(excusedBy(readProbe('format, signature'), 'format'), true);
  assert.equal(excusedBy(readProbe('signature'), 'format'), false);
  assert.equal(excusedBy(readProbe('garbled'), 'format'), false);
  assert.equal(excusedBy(undefined, 'format'), false);
  assert.equal(excusedBy(readProbe('format'), 'alreadyPaid'), false);
});
