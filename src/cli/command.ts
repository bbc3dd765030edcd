/**
 * The one argument parser of every command: a declarative description of the command (its
 * options with their environment fallbacks, its arguments) gives both the parse and the help
 * text, so that the two cannot drift and every command reads and prints alike. On node:util's
 * parseArgs; its errors become PaycheckErrors.
 */
import { parseArgs } from 'node:util';
import { PaycheckError } from '../kernel/errors.ts';
import { readNumber, type NumberRange } from '../kernel/number-range.ts';
import type { Env } from '../kernel/settings.ts';

interface OptionBase {
  /** The value's placeholder in the help, e.g. `URL`. */
  readonly value?: string;
  /** Read when the flag is not given (a boolean: 1, true, yes or on). */
  readonly env?: string;
  readonly description: string;
  /** Kept for one release: its value goes to this option, with a warning. */
  readonly deprecatedFor?: string;
}

/** A number is read from the flag or its variable and held to its range (src/kernel/number-range.ts) by the parser itself. */
export type OptionSpec = (OptionBase & { readonly type: 'string' | 'boolean' }) | (OptionBase & { readonly type: 'number'; readonly range: NumberRange });

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** What follows `paycheck <name>` on the usage line. */
  readonly usage: string;
  readonly description: string;
  /** Positional arguments and what they mean, in order; no more are taken, unless `variadic`. */
  readonly arguments?: Readonly<Record<string, string>>;
  /** The last argument takes any number of values (`FILE…`). */
  readonly variadic?: boolean;
  readonly options: O;
  /** Closing lines: settings read from the environment only, the exit status. */
  readonly notes?: string;
  /** What follows `--` goes, untouched, to the tool the command runs (its meaning, for the help). */
  readonly passThrough?: string;
  /**
   * Pay codes are its output's data (sign, gen), or it masks them itself unless `--show-pay-code`
   * (explain, verify); every other command's lines have them masked (io.ts, maskedIo).
   */
  readonly showsPayCodes?: boolean;
  /**
   * Its exit code is a verdict (a target usable, thresholds held, contracts kept): a reader that
   * leaves early (`| head`) stops its output, not its run (src/adapters/node/reader-gone.ts).
   */
  readonly judges?: boolean;
}

/** One letter, one meaning, in every command. */
export const SHORT_FLAGS: Readonly<Record<string, string>> = { help: 'h', quiet: 'q' };

const HELP_OPTION: OptionSpec = { type: 'boolean', description: 'this text' };

export type OptionValues<O extends OptionSpecs> = {
  -readonly [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean : O[K]['type'] extends 'number' ? number | undefined : string | undefined;
};

export interface ParsedCommand<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
  help: boolean;
  /** The options given on the command line, as against those read from the environment. */
  given: ReadonlySet<string>;
  /** One line each, for stderr: deprecated flags that were used. */
  warnings: string[];
  /** Everything after `--`, for a command with `passThrough`. */
  passThrough: string[];
}

export const defineCommand = <const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> => spec;

function flagOn(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value);
}

export function parseCommand<O extends OptionSpecs>(spec: CommandSpec<O>, argv: readonly string[], env: Env): ParsedCommand<O> {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, o]) => [name, { type: o.type === 'boolean' ? 'boolean' : 'string', ...(SHORT_FLAGS[name] ? { short: SHORT_FLAGS[name] } : {}) }] as const),
  );
  const cut = spec.passThrough === undefined ? -1 : argv.indexOf('--');
  const own = cut < 0 ? argv : argv.slice(0, cut);
  const passThrough = cut < 0 ? [] : argv.slice(cut + 1);
  let parsed;
  try {
    parsed = parseArgs({ args: withNegativeValues(own, options), options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // parseArgs appends advice about '--' that does not fit on one line.
    const message = (error instanceof Error ? error.message : String(error)).split(/\.\s|\n/)[0];
    const code = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 'PAYCHECK_UNKNOWN_OPTION' : 'PAYCHECK_USAGE';
    throw new PaycheckError(code, message);
  }
  const given = parsed.values as Record<string, string | boolean | undefined>;
  const help = given.help === true;
  if (!help) refuseRepeated(parsed.tokens);
  const wanted = Object.keys(spec.arguments ?? {}).length;
  if (!help && !spec.variadic && parsed.positionals.length > wanted) throw new PaycheckError('PAYCHECK_USAGE', `unexpected argument "${parsed.positionals[wanted]}"`);
  const values: Record<string, string | number | boolean | undefined> = {};
  const warnings: string[] = [];
  for (const [name, option] of Object.entries(spec.options)) {
    const fromEnv = option.env === undefined || env[option.env] === '' ? undefined : env[option.env];
    values[name] = option.type === 'boolean' ? given[name] === true || flagOn(fromEnv) : ((given[name] as string | undefined) ?? fromEnv);
  }
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.deprecatedFor === undefined || given[name] === undefined) continue;
    warnings.push(`--${name} is deprecated and goes in the next release: use --${option.deprecatedFor}`);
    if (given[option.deprecatedFor] === undefined) values[option.deprecatedFor] = given[name];
  }
  // Not under --help: a bad number must not stand between a user and the text that explains it.
  for (const [name, option] of Object.entries(spec.options)) {
    const text = values[name];
    if (option.type !== 'number' || typeof text !== 'string' || help) continue;
    try {
      values[name] = readNumber(text, option.range, optionLabel(spec, name));
    } catch (error) {
      throw new PaycheckError('PAYCHECK_BAD_SETTING', (error as Error).message);
    }
  }
  return { values: values as OptionValues<O>, positionals: parsed.positionals, help, given: new Set(Object.keys(given)), warnings, passThrough };
}

type ParserOptions = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/** `-1`, `-0.5`, `-.5`, `-1e3`: no flag of paycheck starts with a digit (SHORT_FLAGS are letters), so none is mistaken. */
const NEGATIVE_NUMBER = /^-\.?\d/;

/**
 * parseArgs refuses `--count -1` as "ambiguous" (the value could be a flag), which hides the range
 * message `--count 0` gets. Joined as `--count=-1`, the value reaches the range check like any other.
 */
function withNegativeValues(argv: readonly string[], options: ParserOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    out.push(token);
    // After `--` every token is an argument, and parseArgs must see the terminator as it was.
    if (token === '--') return [...out, ...argv.slice(i + 1)];
    const next = argv[i + 1];
    if (!token.startsWith('--') || token.includes('=') || next === undefined || !NEGATIVE_NUMBER.test(next)) continue;
    if (options[token.slice(2)]?.type !== 'string') continue;
    out[out.length - 1] = `${token}=${next}`;
    i++;
  }
  return out;
}

interface OptionToken {
  readonly kind: string;
  readonly name?: string;
}

/**
 * The same flag twice is refused, as a key twice in a request is (PAYCHECK_INPUT_AMBIGUOUS): a
 * target, a count or a seed where the last one silently wins is a run of something the user may
 * not have meant, and `--base-url` can name a server that moves money. The values are not echoed:
 * one of two `--secret`s is not the configured one, so the mask would not know it.
 */
function refuseRepeated(tokens: readonly OptionToken[] | undefined): void {
  const seen = new Set<string>();
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    if (seen.has(token.name)) throw new PaycheckError('PAYCHECK_USAGE', `--${token.name} is given twice; give it once`);
    seen.add(token.name);
  }
}

const COLUMN = 26;

function flagColumn(name: string, option: OptionSpec): string {
  const short = SHORT_FLAGS[name];
  return `${short ? `-${short}, ` : '    '}--${name}${option.value ? ` ${option.value}` : ''}`;
}

function row(left: string, right: string): string {
  return left.length < COLUMN ? `  ${left.padEnd(COLUMN)}${right}` : `  ${left}\n  ${' '.repeat(COLUMN)}${right}`;
}

export function helpText(spec: CommandSpec): string {
  const lines = [`usage: paycheck ${spec.name} ${spec.usage}`, '', spec.description];
  const args = Object.entries(spec.arguments ?? {});
  if (args.length > 0) lines.push('', 'arguments:', ...args.map(([name, meaning]) => row(name, meaning)));
  lines.push('', 'options:');
  for (const [name, option] of Object.entries({ ...spec.options, help: HELP_OPTION })) {
    lines.push(row(flagColumn(name, option), `${option.description}${option.env ? ` [env ${option.env}]` : ''}`));
  }
  if (spec.passThrough) lines.push('', row('-- ARGS…', spec.passThrough));
  if (spec.notes) lines.push('', spec.notes);
  return lines.join('\n');
}

/** How a message names an option: with its environment variable when it has one (`--seed/PAY_SEED`). */
export function optionLabel(spec: CommandSpec, name: string): string {
  const env = spec.options[name]?.env;
  return env ? `--${name}/${env}` : `--${name}`;
}

/** A value that must be one word of a list (`--log`, `--log-format`), or a usage error naming them. */
export function parseChoice<T extends string>(value: string | undefined, choices: readonly T[], fallback: T, label: string): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new PaycheckError('PAYCHECK_USAGE', `${label} must be one of ${choices.join(', ')}; got "${value}"`);
}
