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
