import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PaycheckError } from '../kernel/errors.ts';
import { errorLine, setting, toHarnessError } from './harness-error.ts';

const nodeError = (code: string, extra: object) => Object.assign(new Error(`${code}: Node's words`), { code, ...extra });

test("Node's codes become registry codes at the boundary; a harness error passes as it is; anything else is internal", () => {
  const taken = toHarnessError(nodeError('EADDRINUSE', { port: 4010 }));
  assert.deepEqual([taken.code, taken.exitCode, taken.message], ['PAYCHECK_PORT_IN_USE', 2, 'port 4010 on 127.0.0.1 is taken']);
  const missing = toHarnessError(nodeError('ENOENT', { path: 'orders.json' }));
  assert.deepEqual([missing.code, missing.exitCode, missing.message], ['PAYCHECK_INPUT_UNREADABLE', 2, 'cannot read orders.json (ENOENT)']);
  const own = new PaycheckError('PAYCHECK_TARGET_UNREACHABLE', 'cannot reach it');
  assert.equal(toHarnessError(own), own);
  assert.equal(own.exitCode, 3);
  const other = toHarnessError(new TypeError('x is undefined\n    at somewhere'));
  assert.deepEqual([other.code, other.exitCode, other.message], ['PAYCHECK_INTERNAL', 70, 'x is undefined']);
  assert.equal(errorLine('mock', taken), 'paycheck mock: PAYCHECK_PORT_IN_USE port 4010 on 127.0.0.1 is taken');
  assert.equal(errorLine(undefined, other), 'paycheck: PAYCHECK_INTERNAL x is undefined');
});

test('a failure of a call that only writes says "cannot write", naming where a rename was going; a read and an open stay "cannot read"', () => {
  const renamed = toHarnessError(nodeError('EISDIR', { syscall: 'rename', path: 'orders.json.tmp', dest: 'orders.json' }));
  assert.deepEqual([renamed.code, renamed.exitCode, renamed.message], ['PAYCHECK_OUTPUT_UNWRITABLE', 2, 'cannot write orders.json (EISDIR)']);
  assert.equal(toHarnessError(nodeError('ENOTDIR', { syscall: 'mkdir', path: 'reports/x' })).message, 'cannot write reports/x (ENOTDIR)');
  assert.equal(toHarnessError(nodeError('EACCES', { syscall: 'write', path: 'out.json' })).message, 'cannot write out.json (EACCES)');
  assert.equal(toHarnessError(nodeError('ENOENT', { syscall: 'open', path: 'in.json' })).message, 'cannot read in.json (ENOENT)');
  assert.equal(toHarnessError(nodeError('EISDIR', { syscall: 'read' })).message, 'cannot read a file (EISDIR)');
});

test("a shared reader's RangeError is a bad setting; other errors are not relabelled", () => {
  assert.throws(() => setting(() => { throw new RangeError('PAY_SEED must be a whole number'); }), (e: unknown) => e instanceof PaycheckError && e.code === 'PAYCHECK_BAD_SETTING');
  assert.throws(() => setting(() => { throw new TypeError('bug'); }), TypeError);
  assert.equal(setting(() => 5), 5);
});
