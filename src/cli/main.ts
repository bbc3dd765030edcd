/**
 * `paycheck` — one entry, one module per command, loaded only when asked for.
 * Every failure the user can cause ends in a one-line message and exit 2, never a stack trace.
 */
import { CliError, type CliIo } from './cli-error.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Commands that own the process (signals, long runs) and set its exit code themselves. */
const processCommand = (run: (argv: readonly string[]) => Promise<void>): Command => async (args) => {
  await run(args);
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
};

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  sign: { summary: 'print the request with sign filled in', load: async () => (await import('./signing-commands.ts')).runSign },
  explain: { summary: 'show the string to sign, its MD5 and the sign', load: async () => (await import('./signing-commands.ts')).runExplain },
  verify: { summary: "check a request's sign; explain a mismatch", load: async () => (await import('./signing-commands.ts')).runVerify },
  mock: { summary: 'serve the mock on loopback (127.0.0.1:4010)', load: async () => processCommand((await import('./mock.ts')).serveFromCommandLine) },
  load: { summary: 'run a load scenario against the mock or a target', load: async () => processCommand((await import('./load.ts')).loadFromCommandLine) },
  gen: { summary: 'generate seeded requests, goods or store ids as JSON lines', load: async () => (await import('./gen.ts')).runGen },
  audit: { summary: "judge a cashier's conduct from the mock's request journal", load: async () => (await import('./audit.ts')).runAudit },
  checkout: { summary: 'the reference cashier: pay, poll, cancel, with its timeline', load: async () => (await import('./checkout.ts')).runCheckoutCommand },
};

export const HELP = `usage: paycheck <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

'paycheck <command> --help' describes each.`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new CliError('PAYCHECK_UNKNOWN_COMMAND', `unknown command "${name}"; try 'paycheck --help'`);
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`paycheck: ${error.message}`);
      return 2;
    }
    io.err(`paycheck: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 70;
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('PAYCHECK_USAGE', 'no request given: pass a FILE, or pipe the JSON in');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin,
  env: process.env,
};
