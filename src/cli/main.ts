/**
 * `paycheck` — the one entry of every command, and the only place where the layers are wired
 * together. Each command is parsed from its description (src/cli/commands.ts) and loaded only when
 * asked for. Every harness error ends in one line, `paycheck <command>: <CODE> <message>`, and the
 * registry's exit status (src/kernel/errors.ts), never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outliveReader, readerHasLeft, type StdStream } from '../adapters/node/reader-gone.ts';
import { EXIT, PaycheckError } from '../kernel/errors.ts';
import { helpText, parseCommand, type CommandSpec, type OptionSpecs, type ParsedCommand } from './command.ts';
import { AUDIT, CHECKOUT, CONTRACTS, DOCTOR, EXPLAIN, FUZZ, GEN, LOAD, LOAD_MERGE, MOCK, PROXY, SIGN, VERIFY } from './commands.ts';
import { errorLine, toHarnessError } from './harness-error.ts';
import { maskedIo, type CliIo } from './io.ts';
import { readAtMost } from './request-input.ts';

type Run<O extends OptionSpecs> = (parsed: ParsedCommand<O>, io: CliIo) => Promise<number>;

interface Command {
  summary: string;
  spec: CommandSpec;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

function command<O extends OptionSpecs>(spec: CommandSpec<O>, summary: string, load: () => Promise<Run<O>>): Command {
  return {
    summary,
    spec,
    async run(argv, io) {
      const parsed = parseCommand(spec, argv, io.env);
      if (parsed.help) {
        io.out(helpText(spec));
        return EXIT.ok;
      }
      for (const warning of parsed.warnings) io.err(`paycheck ${spec.name}: ${warning}`);
      if (spec.judges) io.outliveReader?.(spec.name, 'judging');
      return (await load())(parsed, io);
    },
  };
}

export const COMMANDS: Readonly<Record<string, Command>> = Object.fromEntries(
  [
    command(SIGN, 'print the request with sign filled in', async () => (await import('./signing-commands.ts')).runSign),
    command(EXPLAIN, 'show the string to sign, its MD5 and the sign', async () => (await import('./signing-commands.ts')).runExplain),
    command(VERIFY, "check a request's sign; explain a mismatch", async () => (await import('./signing-commands.ts')).runVerify),
    command(GEN, 'generate seeded requests, goods or store ids as JSON lines', async () => (await import('./gen.ts')).runGen),
    command(MOCK, 'serve the mock on loopback (127.0.0.1:4010)', async () => (await import('./mock.ts')).runMock),
    command(LOAD, 'run a load profile against the embedded mock or a target', async () => (await import('./load.ts')).runLoadCommand),
    command(LOAD_MERGE, "add up a distributed run's runner summaries; thresholds on the whole", async () => (await import('./load-merge.ts')).runLoadMerge),
    command(CHECKOUT, 'the reference cashier: pay, poll, cancel, with its timeline', async () => (await import('./checkout.ts')).runCheckoutCommand),
    command(AUDIT, "judge a cashier's conduct from the mock's request journal", async () => (await import('./audit.ts')).runAudit),
    command(PROXY, 'forward a cashier to a server; judge both sides; journal for audit', async () => (await import('./proxy.ts')).runProxy),
    command(CONTRACTS, 'run the contract suite against the embedded mocks or a target', async () => (await import('./contracts.ts')).runContracts),
    command(DOCTOR, 'check the set-up and whether a target can be used', async () => (await import('./doctor.ts')).runDoctor),
    command(FUZZ, 'property-based testing from openapi.yaml, signed, stateful, shrunk', async () => (await import('./fuzz.ts')).runFuzzCommand),
  ].map((c) => [c.spec.name, c]),
);

export const HELP = `usage: paycheck <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

options:
  -V, --version  the version
  -h, --help     this text

'paycheck <command> --help' describes each; every flag and error code: ${cliReference()}.`;

/**
 * docs/cli.md as the reader can open it — node_modules/paycheck/docs/cli.md in a project that
 * installed paycheck, docs/cli.md in a clone: the package ships its docs beside dist/ and src/.
 */
function cliReference(): string {
  const path = fileURLToPath(new URL('../../docs/cli.md', import.meta.url));
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.out(version());
    return EXIT.ok;
  }
  // A subcommand (`load merge`) is a command of its own, named with its parent.
  const sub = rest[0] === undefined ? undefined : COMMANDS[`${name} ${rest[0]}`];
  const found = sub ?? COMMANDS[name];
  // Until the mask is made (it reads the environment), there is nothing of the user's to mask.
  let shown = io;
  try {
    shown = maskedIo(io, rest, found?.spec.showsPayCodes === true);
    if (!found) throw new PaycheckError('PAYCHECK_UNKNOWN_COMMAND', `unknown command "${name}"; try 'paycheck --help'`);
    return await found.run(sub ? rest.slice(1) : rest, shown);
  } catch (error) {
    const harness = toHarnessError(error);
    shown.err(errorLine(found?.spec.name, harness));
    return harness.exitCode;
  }
}

async function readStdin(limit: number): Promise<string> {
  if (process.stdin.isTTY) throw new PaycheckError('PAYCHECK_USAGE', 'no input given: pass a FILE, or pipe the JSON in');
  return readAtMost(process.stdin, limit, 'standard input');
}

/** A write to a reader that has gone would fail again, once a line, for as long as a server runs. */
function write(stream: StdStream, text: string): void {
  if (!readerHasLeft(stream)) process[stream].write(text);
}

export const processIo: CliIo = {
  out: (line) => write('stdout', `${line}\n`),
  err: (line) => write('stderr', `${line}\n`),
  readStdin,
  env: process.env,
  progressInPlace: process.stderr.isTTY === true,
  writeErr: (text) => write('stderr', text),
  // Loaded when a command logs, so that the others do not load pino.
  openLog: async () => (await import('./stdout-log.ts')).stdoutLogSink(),
  outliveReader,
};
