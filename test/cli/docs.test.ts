/**
 * docs/cli.md, the harness error registry and each command's --help agree — in the manner of
 * test/spec/codes.test.ts for the API's codes: every code documented with its exit status, meaning
 * and hint, no documented code missing from the registry; every flag in a --help documented under
 * its command with its environment variable, and no documented flag missing from the --help.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { EXIT, HARNESS_ERRORS } from '../../src/kernel/errors.ts';
import { helpText, SHORT_FLAGS } from '../../src/cli/command.ts';
import { COMMANDS } from '../../src/cli/main.ts';

const doc = readFileSync('docs/cli.md', 'utf8');
const COMMAND_SPECS = Object.values(COMMANDS).map((c) => c.spec);

test('docs/cli.md lists exactly the registry, row for row', () => {
  const rows = [...doc.matchAll(/^\| `(PAYCHECK_[A-Z_]+)` \| (\d+) \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => [m[1], { exit: Number(m[2]), meaning: m[3].trim(), hint: m[4].trim() }]);
  assert.deepEqual(Object.fromEntries(rows), HARNESS_ERRORS);
  assert.equal(rows.length, Object.keys(HARNESS_ERRORS).length, 'no code twice');
});

test('every code has one prefix and an exit status of the one rule, which docs/cli.md states', () => {
  const rule = new Set<number>(Object.values(EXIT));
  for (const [code, entry] of Object.entries(HARNESS_ERRORS)) {
    assert.match(code, /^PAYCHECK_[A-Z_]+$/);
    assert.ok(rule.has(entry.exit), code);
  }
  const stated = [...doc.matchAll(/^\| (\d+) \| [^|]+ \|$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(stated, Object.values(EXIT));
});

test("docs/load.md's exit statuses name each code under the status the registry gives it", () => {
  const load = readFileSync('docs/load.md', 'utf8');
  const paragraph = load.slice(load.indexOf('Exit status: **0**')).split('\n\n')[0];
  const byStatus = [...paragraph.matchAll(/\*\*(\d+)\*\*((?:(?!\*\*\d+\*\*)[\s\S])*)/g)];
  assert.ok(byStatus.length >= 4, paragraph);
  const named = byStatus.flatMap(([, status, text]) => [...text.matchAll(/`(PAYCHECK_[A-Z_]+)`/g)].map((m) => [m[1], Number(status)] as const));
  assert.ok(named.length >= 5, paragraph);
  for (const [code, status] of named) assert.equal(HARNESS_ERRORS[code as keyof typeof HARNESS_ERRORS]?.exit, status, `${code} is listed under exit ${status}`);
});

/** The flags of a --help's options block, as `--name` with the env variable its line names. */
function helpFlags(help: string): Map<string, string | undefined> {
  const block = help.slice(help.indexOf('\noptions:\n')).split('\n\n')[0];
  const flags = new Map<string, string | undefined>();
  let flag: string | undefined;
  for (const line of block.split('\n')) {
    // A long flag puts its meaning on the next line.
    flag = /^\s+(?:-\w, |\s{4})(--[a-z-]+)/.exec(line)?.[1] ?? flag;
    if (flag) flags.set(flag, /\[env (\w+)\]/.exec(line)?.[1] ?? flags.get(flag));
  }
  return flags;
}

/** The flags of a command's table in docs/cli.md, with the environment cell. */
function documentedFlags(command: string): Map<string, string | undefined> {
  const heading = `### \`paycheck ${command}\``;
  assert.ok(doc.includes(heading), heading);
  const section = doc.slice(doc.indexOf(heading) + heading.length).split(/\n### /)[0];
  const flags = new Map<string, string | undefined>();
  for (const m of section.matchAll(/^\| (?:`-\w`, )?`(--[a-z-]+)[^`]*` \| (?:`(\w+)`|—) \|/gm)) flags.set(m[1], m[2]);
  return flags;
}

test("every flag in each command's --help is in docs/cli.md under that command, with its environment variable, and nothing else is", () => {
  assert.deepEqual(COMMAND_SPECS.map((s) => s.name), ['sign', 'explain', 'verify', 'gen', 'mock', 'load', 'load merge', 'checkout', 'audit', 'proxy', 'contracts', 'doctor', 'fuzz']);
  for (const spec of COMMAND_SPECS) {
    const inHelp = helpFlags(helpText(spec));
    assert.ok(inHelp.size > 1, spec.name);
    assert.deepEqual(documentedFlags(spec.name), inHelp, spec.name);
    assert.deepEqual([...inHelp.keys()], [...Object.keys(spec.options), 'help'].map((n) => `--${n}`), spec.name);
  }
});

test('a short flag means the same in every command, in the help and in docs/cli.md', () => {
  for (const spec of COMMAND_SPECS) {
    const help = helpText(spec);
    for (const [, short, long] of help.matchAll(/^\s+-(\w), --([a-z-]+)/gm)) assert.equal(SHORT_FLAGS[long], short, `${spec.name}: -${short}`);
  }
  for (const [, short, long] of doc.matchAll(/^\| `-(\w)`, `--([a-z-]+)/gm)) assert.equal(SHORT_FLAGS[long], short, `docs: -${short}`);
});

test('one flag, one meaning: a target is --base-url/PAY_BASE_URL wherever there is one; --scenario is a mock outcome except as load\'s deprecated alias', () => {
  const options = (name: string) => (COMMAND_SPECS.find((s) => s.name === name)!.options as Record<string, { env?: string; deprecatedFor?: string; description: string }>);
  const TARGETED = ['load', 'checkout', 'audit', 'contracts', 'doctor', 'fuzz'];
  for (const name of TARGETED) assert.equal(options(name)['base-url']?.env, 'PAY_BASE_URL', name);
  for (const spec of COMMAND_SPECS) if (!TARGETED.includes(spec.name)) assert.equal(options(spec.name)['base-url'], undefined, spec.name);
  assert.equal(options('load').scenario.deprecatedFor, 'profile');
  assert.match(options('mock').scenario.description, /X-Mock-Scenario/);
  assert.match(options('checkout').scenario.description, /X-Mock-Scenario/);
  assert.deepEqual(COMMAND_SPECS.filter((s) => 'profile' in s.options).map((s) => s.name), ['load']);
});

test('what the CLI tells a user to run works where paycheck is installed: no npm script of this repository\'s (a project has none)', () => {
  const told = [
    ...Object.entries(HARNESS_ERRORS).map(([code, entry]) => [`the hint of ${code}`, entry.hint]),
    ...readdirSync('src/cli')
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .flatMap((file) =>
        readFileSync(`src/cli/${file}`, 'utf8')
          .split('\n')
          .map((line, i) => [`src/cli/${file}:${i + 1}`, line] as const)
          // A comment may say how this repository runs a command; a string is what a user reads.
          .filter(([, line]) => !/^\s*(\/\/|\/?\*)/.test(line)),
      ),
  ];
  assert.deepEqual(told.filter(([, text]) => /npm run /.test(text)).map(([where, text]) => `${where}: ${text.trim()}`), []);
});
