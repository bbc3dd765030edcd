import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPaycheckError } from '../kernel/errors.ts';
import { describeRange } from '../kernel/number-range.ts';
import { optionLabel, parseChoice, parseCommand, type OptionSpec } from './command.ts';
import { LOG_MODES } from '../checks/report/mock-log.ts';
import { COMMANDS } from './main.ts';

const numberOptions = Object.values(COMMANDS).flatMap(({ spec }) =>
  Object.entries(spec.options as Record<string, OptionSpec>).flatMap(([name, option]) => (option.type === 'number' ? [{ spec, name, option }] : [])),
);

test('the numeric settings of every command, each with its range', () => {
  assert.deepEqual(
    numberOptions.map(({ spec, name }) => `${spec.name} --${name}`),
    [
      'gen --count', 'gen --seed',
      'mock --port', 'mock --pending-ms', 'mock --slow-ms', 'mock --store-cap', 'mock --body-limit',
      'mock --idle-timeout-ms', 'mock --headers-timeout-ms', 'mock --request-timeout-ms', 'mock --max-connections',
      'mock --callback-time-scale', 'mock --journal-cap',
      'load --duration-scale', 'load --time-scale', 'load --seed',
      'checkout --time-scale',
      'audit --time-scale',
      'proxy --port', 'proxy --journal-cap',
    ],
  );
});

test('every numeric setting, from its flag or its variable, is refused out of its range (exit 2) and read as a number within it', () => {
  for (const { spec, name, option } of numberOptions) {
    if (option.type !== 'number') continue;
    const { range } = option;
    const label = optionLabel(spec, name);
    const read = (text: string, from: 'flag' | 'env') =>
      from === 'flag' ? parseCommand(spec, [`--${name}=${text}`], {}).values : parseCommand(spec, [], option.env ? { [option.env]: text } : {}).values;
    for (const from of option.env ? (['flag', 'env'] as const) : (['flag'] as const)) {
      const inside = range.aboveMin ? [range.max, range.max / 2] : [range.min, range.max];
      for (const value of inside) assert.equal((read(String(value), from) as Record<string, unknown>)[name], value, `${label} ${value}`);
      const outside = [range.aboveMin ? String(range.min) : String(range.min - 1), String(range.max + 1), String(range.max * 10), 'x', '1e3', '0x10', ' 1'];
      for (const text of outside) {
        assert.throws(
          () => read(text, from),
          (error: unknown) => isPaycheckError(error, 'PAYCHECK_BAD_SETTING') && error.exitCode === 2 && error.message === `${label} must be ${describeRange(range)}; got "${text}"`,
          `${spec.name} ${label} ${JSON.stringify(text)} (${from})`,
        );
      }
    }
  }
});

test('--help is printed whatever a numeric flag holds', () => {
  assert.equal(parseCommand(COMMANDS.mock.spec, ['--slow-ms', 'soon', '--help'], {}).help, true);
});

test('--log and --log-format take one of their words, else a usage error naming them', () => {
  assert.equal(parseChoice(undefined, LOG_MODES, 'auto', '--log'), 'auto');
  assert.equal(parseChoice('summary', LOG_MODES, 'auto', '--log'), 'summary');
  assert.throws(() => parseChoice('loud', LOG_MODES, 'auto', '--log/MOCK_LOG'), { code: 'PAYCHECK_USAGE', message: '--log/MOCK_LOG must be one of auto, requests, summary; got "loud"' });
});

test('a value-taking flag followed by a negative number takes it as its value, in every command: the range message, not parseArgs\' "ambiguous"', () => {
  for (const { spec, name, option } of numberOptions) {
    if (option.type !== 'number') continue;
    const label = optionLabel(spec, name);
    for (const text of ['-1', '-0.5', '-.5', '-1e3']) {
      assert.throws(
        () => parseCommand(spec, [`--${name}`, text], {}),
        (error: unknown) => isPaycheckError(error, 'PAYCHECK_BAD_SETTING') && error.message === `${label} must be ${describeRange(option.range)}; got "${text}"`,
        `${spec.name} --${name} ${text}`,
      );
    }
  }
  const strings = Object.values(COMMANDS).flatMap(({ spec }) =>
    Object.entries(spec.options as Record<string, OptionSpec>).flatMap(([name, option]) => (option.type === 'string' ? [{ spec, name }] : [])),
  );
  assert.ok(strings.some(({ spec, name }) => spec.name === 'checkout' && name === 'amount'));
  assert.ok(strings.some(({ spec, name }) => spec.name === 'fuzz' && name === 'runs'));
  for (const { spec, name } of strings) {
    assert.equal((parseCommand(spec, [`--${name}`, '-1'], {}).values as Record<string, unknown>)[name], '-1', `${spec.name} --${name} -1`);
  }
});

test('only a negative number is taken that way: a flag after a value-taking one, and everything after --, are left to parseArgs', () => {
  const gen = COMMANDS.gen.spec;
  assert.throws(() => parseCommand(gen, ['request', '--count', '--seed', '3'], {}), { code: 'PAYCHECK_USAGE', message: "Option '--count' argument is ambiguous" });
  assert.throws(() => parseCommand(gen, ['request', '--count', '-x'], {}), { code: 'PAYCHECK_USAGE' });
  assert.deepEqual(parseCommand(gen, ['--', '-1'], {}).positionals, ['-1']);
  const contracts = COMMANDS.contracts.spec;
  assert.deepEqual(parseCommand(contracts, ['--', '--workers', '-1', '--workers', '2'], {}).passThrough, ['--workers', '-1', '--workers', '2']);
  // A boolean takes no value: the number after it stays a token of its own (an unknown short flag).
  assert.throws(() => parseCommand(COMMANDS.mock.spec, ['--quiet', '-1'], {}), { code: 'PAYCHECK_UNKNOWN_OPTION' });
});

test('a flag given twice is a usage error naming it, whatever its spelling or type; --help still prints', () => {
  const gen = COMMANDS.gen.spec;
  const cases: [string[], string][] = [
    [['--count', '2', '--count', '3'], '--count'],
    [['--count=2', '--count', '3'], '--count'],
    [['--count', '-1', '--count', '3'], '--count'],
    [['--seed', '1', '--count', '2', '--seed', '1'], '--seed'],
  ];
  for (const [argv, flag] of cases) {
    assert.throws(
      () => parseCommand(gen, ['request', ...argv], {}),
      (error: unknown) => isPaycheckError(error, 'PAYCHECK_USAGE') && error.exitCode === 2 && error.message === `${flag} is given twice; give it once`,
      argv.join(' '),
    );
  }
  assert.throws(() => parseCommand(COMMANDS.mock.spec, ['-q', '--quiet'], {}), { code: 'PAYCHECK_USAGE', message: '--quiet is given twice; give it once' });
  assert.throws(() => parseCommand(COMMANDS.sign.spec, ['--secret', 'one', '--secret', 'two'], {}), { message: '--secret is given twice; give it once' });
  assert.equal(parseCommand(gen, ['--count', '2', '--count', '3', '--help'], {}).help, true);
  assert.equal(parseCommand(gen, ['request', '--count', '2'], {}).values.count, 2);
});
