/** `npm run load` flags, parsed with node:util's parseArgs; every mistake is a LoadError (exit 2). */
import { parseArgs } from 'node:util';
import { PROFILES } from '../runners/load/profiles/profiles.ts';
import { LoadError } from '../runners/load/executor/load-error.ts';
import type { RunLoadOptions } from '../runners/load/executor/run-load.ts';

export interface LoadCliArgs {
  help: boolean;
  quiet: boolean;
  run: Omit<RunLoadOptions, 'env' | 'onProgress' | 'log'>;
}

const FLAGS = {
  scenario: { type: 'string' },
  'base-url': { type: 'string' },
  'allow-remote': { type: 'boolean' },
  'duration-scale': { type: 'string' },
  'mock-latency': { type: 'string' },
  'time-scale': { type: 'string' },
  seed: { type: 'string' },
  'report-dir': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function loadHelp(): string {
  const table = PROFILES.map((s) => `  ${s.name.padEnd(8)} ${s.purpose}`).join('\n');
  return `Usage: npm run load -- [--scenario NAME] [--base-url URL [--allow-remote]] [options]

Sends fresh, signed pay-code orders to POST /pay/qrcode at the scenario's arrival rate and checks
its thresholds; the checkout scenario carries each order on through /pay/get and /pay/cancel.
Without --base-url it starts the embedded loopback mock and aims at it.

Scenarios (src/runners/load/profiles/profiles.ts):
${table}

Options:
  --scenario NAME        default smoke
  --base-url URL         the API's base URL; loopback only unless --allow-remote
  --allow-remote         allow a non-loopback target (real pay codes move real money)
  --duration-scale F     every stage F times as long (0.2 → a 3 s smoke)
  --mock-latency MS      embedded mock only: add MS (or MIN-MAX) ms to every pay answer
  --time-scale F         checkout: the cashier's waits × F (default 0.05: 250 ms queries, 1.5 s
                         deadline; 1 = the documented 5 s and 30 s, for a live target)
  --seed N               order data seed (default PAY_SEED, else random; always printed)
  --report-dir DIR       where load-summary.json and load-junit.xml go (default reports)
  -q, --quiet            no progress line
  -h, --help             this text

Settings: PAY_APP_ID / PAY_APP_SECRET (default: the mock's demo app), PAY_SIGN_ENCODING, PAY_SEED.
Exit status: 0 all thresholds met, 1 a threshold failed (named), 2 bad flags or settings.`;
}

function numberFlag(name: string, text: string | undefined, whole: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const ok = text.trim() !== '' && Number.isFinite(value) && (whole ? Number.isInteger(value) && value >= 0 : value > 0);
  if (!ok) throw new LoadError('LOAD_USAGE', `--${name} must be ${whole ? 'a whole number' : 'a number above 0'}; got "${text}"`);
  return value;
}

export function parseLoadArgs(argv: readonly string[]): LoadCliArgs {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: false, strict: true }));
  } catch (error) {
    // parseArgs adds advice about '--' on further lines; one line is enough here.
    throw new LoadError('LOAD_USAGE', `${(error as Error).message.split(/\.\s|\n/)[0]} (see --help)`);
  }
  return {
    help: values.help === true,
    quiet: values.quiet === true,
    run: {
      scenario: values.scenario ?? 'smoke',
      baseUrl: values['base-url'],
      allowRemote: values['allow-remote'] === true,
      durationScale: numberFlag('duration-scale', values['duration-scale'], false),
      mockLatency: values['mock-latency'],
      timeScale: numberFlag('time-scale', values['time-scale'], false),
      seed: numberFlag('seed', values.seed, true),
      reportDir: values['report-dir'],
    },
  };
}
