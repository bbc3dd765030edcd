/** `paycheck sign`, `explain` and `verify`: the signing rule at an integrator's fingertips. */
import { readFileSync } from 'node:fs';
import { nodeSigner } from '../adapters/node/node-digests.ts';
import { canonicalString, SECRET_KEY } from '../kernel/signing/canonical.ts';
import { parseSignEncoding, type SignEncoding } from '../kernel/signing/encoding.ts';
import { SIGN_TYPES, signTypeOf, signTypeRefusal, type SignOptions, type SignTypeRefusal } from '../kernel/signing/signer.ts';
import { displayCanonical, firstDifference } from '../kernel/signing/explain.ts';
import { diagnosisLines } from '../kernel/signing/mistakes.ts';
import { createMask, maskPayCodesIn, SECRET_MASK } from '../kernel/redaction/mask.ts';
import { PaycheckError } from '../kernel/errors.ts';
import type { ParsedCommand } from './command.ts';
import type { SIGN, VERIFY } from './commands.ts';
import type { CliIo } from './io.ts';
import { readRequest, type RequestObject } from './request-input.ts';

type SigningValues = ParsedCommand<typeof SIGN.options>['values'] & Partial<ParsedCommand<typeof VERIFY.options>['values']>;
type SigningCommand = ParsedCommand<typeof SIGN.options> | ParsedCommand<typeof VERIFY.options>;

function readKey(file: string | undefined, what: string): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new PaycheckError('PAYCHECK_NO_KEY', `cannot read the ${what} key file ${file}`);
  }
}

function signOptions(values: SigningValues, request: RequestObject): SignOptions {
  let encoding: SignEncoding;
  try {
    encoding = parseSignEncoding(values.encoding);
  } catch (error) {
    throw new PaycheckError('PAYCHECK_BAD_SETTING', (error as Error).message.replace('PAY_SIGN_ENCODING', '--encoding / PAY_SIGN_ENCODING'));
  }
  const rsa = signTypeOf(request) === 'RSA';
  const secret = values.secret;
  if (!rsa && !secret) throw new PaycheckError('PAYCHECK_NO_SECRET', 'no secret: pass --secret or set PAY_APP_SECRET');
  return {
    secret: secret ?? '',
    encoding,
    rsaPrivateKey: readKey(values['private-key'], 'private'),
    rsaPublicKey: readKey(values['public-key'], 'public'),
  };
}

async function prepare(parsed: SigningCommand, io: CliIo) {
  const values: SigningValues = parsed.values;
  const request = await readRequest(parsed.positionals[0], io, values['show-pay-code'] ? undefined : maskPayCodesIn);
  const refusal = signTypeRefusal(request);
  const options = signOptions(values, request);
  const rsa = signTypeOf(request) === 'RSA';
  const shown = displayCanonical(request, { rsa, showPayCode: values['show-pay-code'] });
  return { request, values, shown, rsa, options, refusal };
}

/** The API's refusal, as the one sentence sign, explain and verify say it in. */
const refusedBefore = (refusal: SignTypeRefusal) => `the API refuses this request before it checks any sign: ${refusal.reason} (${refusal.code}, D-47)`;

/**
 * sign and explain still sign such a request, as they sign any other the API would refuse at
 * format (a test may want one): the warning says so, since the algorithm is then paycheck's guess.
 */
function warnOfSignType(command: string, ready: Awaited<ReturnType<typeof prepare>>, io: CliIo): void {
  if (ready.refusal) io.err(`paycheck ${command}: warning: ${refusedBefore(ready.refusal)}; signed as ${signTypeOf(ready.request)} all the same`);
}

function signature(request: RequestObject, options: SignOptions) {
  try {
    return nodeSigner.signature(request, options);
  } catch (error) {
    const message = (error as Error).message;
    // Node's own words for a file that is no PEM key mean nothing to a user.
    throw new PaycheckError('PAYCHECK_NO_KEY', /DECODER|PEM|asn1/i.test(message) ? 'the private key is not a PEM RSA key' : message);
  }
}

export async function runSign(parsed: ParsedCommand<typeof SIGN.options>, io: CliIo): Promise<number> {
  const ready = await prepare(parsed, io);
  warnOfSignType('sign', ready, io);
  const { sign } = signature(ready.request, ready.options);
  const { sign: _old, ...rest } = ready.request;
  io.out(JSON.stringify({ ...rest, sign }, null, 2));
  return 0;
}

export async function runExplain(parsed: ParsedCommand<typeof SIGN.options>, io: CliIo): Promise<number> {
  const ready = await prepare(parsed, io);
  warnOfSignType('explain', ready, io);
  const sig = signature(ready.request, ready.options);
  io.out(`sign_type:      ${ready.refusal ? `${JSON.stringify(ready.request.sign_type) ?? '(none)'}, refused (${ready.refusal.code}); signed as ${signTypeOf(ready.request)}` : signTypeOf(ready.request)}`);
  io.out(`string to sign: ${ready.shown}`);
  if (sig.md5) io.out(`md5 (upper hex): ${sig.md5}`);
  io.out(`encoding:       ${signTypeOf(ready.request) === 'RSA' ? 'SHA256withRSA, base64' : ready.options.encoding}`);
  io.out(`sign:           ${sig.sign}`);
  if (typeof ready.request.sign === 'string') io.out(`request's sign: ${ready.request.sign} (${ready.request.sign === sig.sign ? 'matches' : 'differs'})`);
  return 0;
}

export async function runVerify(parsed: ParsedCommand<typeof VERIFY.options>, io: CliIo): Promise<number> {
  const ready = await prepare(parsed, io);
  const { request, options, values, shown, rsa } = ready;
  const showPayCode = values['show-pay-code'];
  const mask = createMask({ secrets: [options.secret], showPayCodes: showPayCode });
  // No sign of such a request is valid: the API never checks it.
  if (ready.refusal) {
    io.out(`invalid: ${refusedBefore(ready.refusal)}`);
    io.out(`  send sign_type ${SIGN_TYPES.map((type) => `"${type}"`).join(' or ')}, and sign again: sign_type is signed (D-25)`);
    io.out(`  request:        ${mask(JSON.stringify(request))}`);
    return 1;
  }
  if (rsa && !options.rsaPublicKey) throw new PaycheckError('PAYCHECK_NO_KEY', 'sign_type RSA: no public key (--public-key or PAY_RSA_PUBLIC_KEY_FILE)');
  // The caller's string with the secret masked in any spelling, so that it lines up with ours; its pay codes stay for the comparison.
  const theirs = values.compare === undefined ? undefined : createMask({ secrets: [options.secret], showPayCodes: true })(values.compare);
  const compare = (valid: boolean) => (theirs !== undefined && !rsa ? [compareWith(canonicalString(request, SECRET_MASK), theirs, showPayCode, valid)] : []);
  if (nodeSigner.verify(request, options)) {
    io.out('valid: the sign matches');
    // Asked to compare, it compares: a string that differs from ours is worth knowing even when this sign is right.
    for (const line of compare(true)) io.out(line);
    return 0;
  }
  const given = request.sign;
  io.out(`invalid: ${typeof given === 'string' ? 'the sign does not match' : given === undefined ? "the request has no 'sign'" : "'sign' is not a string"}`);
  if (rsa) {
    io.out('  RSA: the signature does not verify against the public key');
    io.out(`  we checked:     ${shown}`);
  } else {
    const sig = signature(request, options);
    io.out(`  expected sign:  ${sig.sign}`);
    io.out(`  request's sign: ${typeof given === 'string' ? given : '(none)'}`);
    io.out(`  we signed:      ${shown}`);
    const diagnosis = nodeSigner.diagnose(request, options);
    for (const line of diagnosis ? diagnosisLines(diagnosis) : []) io.out(mask(`  ${line}`));
    for (const line of compare(false)) io.out(line);
  }
  io.out(`  request:        ${mask(JSON.stringify(request))}`);
  return 1;
}

/**
 * Where the caller's string first departs from ours. Neither string's secret is printed (ours holds
 * `***`, theirs had the given one masked), and no pay code whole unless asked: the context is cut
 * from the strings with their pay codes masked.
 */
function compareWith(ours: string, theirs: string, showPayCode: boolean, valid: boolean): string {
  const diff = firstDifference(ours, theirs, showPayCode ? undefined : maskPayCodesIn);
  if (!diff) return valid ? '  your string is identical to ours' : '  your string is identical to ours: so the secret or the encoding differs';
  const at = `  first difference at character ${diff.index}`;
  const secret = valueSpan(ours, SECRET_KEY, SECRET_MASK);
  if (secret && diff.index >= secret.start && diff.index < secret.end) return `${at}: inside ${SECRET_KEY}'s value: your string holds another secret than the one given (neither is printed)`;
  const code = valueSpan(ours, 'pay_code');
  if (!showPayCode && code && diff.index >= code.start && diff.index <= code.end) {
    return `${at}: inside pay_code, at its digit ${diff.index - code.start + 1} (--show-pay-code prints it)`;
  }
  return `${at}:\n    ours:   …${diff.ours}…\n    theirs: …${diff.theirs}…`;
}

/** Where the value of `key` (that value, when given) lies in a string to sign, if the key is there. */
function valueSpan(canonical: string, key: string, value?: string): { start: number; end: number } | undefined {
  const found = new RegExp(`(?:^|&)${key}=(${value === undefined ? '[^&]*' : value.replace(/[*]/g, '\\*')})(?=&|$)`).exec(canonical);
  if (!found) return undefined;
  const start = found.index + found[0].length - found[1].length;
  return { start, end: start + found[1].length };
}
