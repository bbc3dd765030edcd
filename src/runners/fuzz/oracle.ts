/**
 * What the flowchart demands of a request, worked out before it is sent: the first of its checks
 * that fails — parameters present (3001), values well-formed (3002), the AppID known (3003), the
 * signature valid (3004) — or none, and then the call's own answer. The precedence of several
 * faults at once (D-49) falls out of the order. Each check is read from where the project keeps
 * it: the body's reading (D-48, D-6's numbers) from the request reader, the required names from
 * the call's schema, the shapes from Ajv compiled from openapi.yaml, the signature from the signer.
 * The fuzzer never decides a case's code by the mutation it applied, only by this verdict, so a
 * mutation that happens to leave a request valid is judged as the valid request it is.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { readJsonBody } from '../../engine/request-body.ts';
import { isMissing, withoutEmptyOptionals } from '../../engine/steps/presence.ts';
import { nodeSigner } from '../../adapters/node/node-digests.ts';
import type { AppCredentials } from '../../kernel/settings.ts';
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import type { FaultClass } from '../../kernel/codes.ts';
import type { CallSchema } from './spec-schema.ts';

/** The flowchart's validation faults, in its order. */
type ValidationFault = Extract<FaultClass, 'missing' | 'format' | 'appId' | 'signature'>;

export type Verdict = { fault: ValidationFault; reason: string } | { accepted: true };

export interface OracleContext {
  call: CallSchema;
  /** Ajv's validator of the call's request schema. */
  validate: ValidateFunction;
  app: AppCredentials;
  encoding: SignEncoding;
  /** For sign_type RSA: the public key the target holds for the app. */
  rsaPublicKey?: string;
}

const fault = (kind: ValidationFault, reason: string): Verdict => ({ fault: kind, reason });

export function judgeRequest(ctx: OracleContext, text: string): Verdict {
  const read = readJsonBody('application/json', text);
  if (read.kind === 'empty') return fault('missing', 'the body is empty');
  if (read.kind === 'unreadable') return fault('format', read.reason);
  const value = read.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fault('format', 'the body is not a JSON object');
  // An optional field sent empty is absent, as the mock's presence step and the signer read it (D-29, D-50).
  const params = withoutEmptyOptionals(value, ctx.call.presence.optional) as Readonly<Record<string, unknown>>;
  if (!ctx.validate(params)) {
    const { required, oneOf } = ctx.call.presence;
    const absent = required.find((name) => isMissing(params, name));
    if (absent !== undefined) return fault('missing', `${absent} is missing`);
    const group = oneOf.find((names) => names.every((name) => isMissing(params, name)));
    if (group !== undefined) return fault('missing', `${group.join(' or ')} is missing`);
    const first = ctx.validate.errors?.[0];
    return fault('format', `${first?.instancePath || 'the body'} ${first?.message ?? 'is malformed'}`);
  }
  if (params.app_id !== ctx.app.appId) return fault('appId', `app_id ${JSON.stringify(params.app_id)} is not the application's`);
  if (!nodeSigner.verify(params, { secret: ctx.app.secret, encoding: ctx.encoding, rsaPublicKey: ctx.rsaPublicKey })) {
    return fault('signature', `sign does not verify (sign_type ${String(params.sign_type)}, encoding ${ctx.encoding})`);
  }
  return { accepted: true };
}
