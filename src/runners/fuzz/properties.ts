/**
 * The properties of one call: valid signed requests (positive), one to three faults at once
 * (negative) and sign-aware changes (signing). Each run builds its request from a draft the
 * schema allows, asks the oracle what the flowchart demands of it, sends it and checks the
 * answer; a request that would reach the pay step of a target that must not be charged is not
 * sent (the run is skipped).
 */
import fc from 'fast-check';
import type { PropertyKind } from '../../checks/report/fuzz-report.ts';
import { SCENARIOS } from '../../engine/index.ts';
import { formatYuan, parseAmount, yuanNumber, type Fen } from '../../kernel/money/money.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { buildRequest, mutationSpace, type Mutation } from './mutations.ts';
import { schemaArbitrary } from './schema-arbitrary.ts';
import type { FuzzSession } from './session.ts';
import { resolve, type ApiPath } from './spec-schema.ts';

type Json = Record<string, unknown>;

export interface FuzzProperty {
  /** `qrcode-positive`, `refund-signing`, `stateful`. */
  id: string;
  call?: ApiPath;
  kind: PropertyKind;
  /** Why it does not run against this target. */
  skipped?: string;
  /** Its runs spend a real pay code on a remote target: they are not shrunk there. */
  spendsCodes: boolean;
  /** The property; `replayPath` replays a stateful case's commands. */
  build(replayPath?: string): fc.IAsyncPropertyWithHooks<[unknown]>;
  /** A stateful failure's replay hint, read from its counterexample. */
  replayPathOf?(counterexample: readonly [unknown]): string | undefined;
}

/**
 * The mock's sandbox amounts that answer only after a client's timeout, by design (PAID_SLOW,
 * UNKNOWN_SLOW, VOUCHER_SLOW): left out, as the contract suite's PAY_OUTCOMES leaves them out.
 */
export const SLOW_FEN: ReadonlySet<number> = new Set(
  SCENARIOS.filter((s) => s.slow && 'amount' in s).map((s) => {
    const parsed = parseAmount((s as { amount: string }).amount);
    return parsed.ok ? parsed.fen : -1;
  }),
);

const notSlow = (amount: unknown): boolean => {
  const parsed = parseAmount(amount);
  return !parsed.ok || !SLOW_FEN.has(parsed.fen);
};

/**
 * The amounts the mock's sandbox table (modelled on WeChat's) gives an outcome, by outcome: paid
 * (with vouchers, discounts), still paying, failed — the slow ones left out. Another target pays
 * them as any amount.
 */
function sandboxAmounts(): Map<string, Fen[]> {
  const byOutcome = new Map<string, Fen[]>();
  for (const s of SCENARIOS) {
    const parsed = 'amount' in s ? parseAmount(s.amount) : undefined;
    if (parsed?.ok && !SLOW_FEN.has(parsed.fen)) byOutcome.set(s.outcome, [...(byOutcome.get(s.outcome) ?? []), parsed.fen]);
  }
  return byOutcome;
}

/** A sandbox amount, each outcome alike. */
export function sandboxFen(): fc.Arbitrary<Fen> {
  return fc.oneof(...[...sandboxAmounts().values()].map((fens) => fc.constantFrom(...fens)));
}

const propertyId = (path: ApiPath, kind: PropertyKind) => `${path.split('/').at(-1)}-${kind}`;

/** A valid unsigned request of the call: our app_id, a sign_type we can sign, everything else as the schema allows. */
export function draftArbitrary(session: FuzzSession, path: ApiPath): fc.Arbitrary<Json> {
  const { document, target } = session;
  const call = session.call(path);
  const props = call.shape.properties;
  const signTypes = (resolve(document, props.sign_type).enum ?? []).filter((t) => t !== 'RSA' || target.rsa !== undefined);
  // Every sign_type the spec allows; RSA (a 2048-bit signature, some fifty times MD5's cost) one time in eight.
  const signType = fc.oneof(...signTypes.map((t) => ({ arbitrary: fc.constant(t), weight: t === 'RSA' ? 1 : 7 })));
  const overrides: Record<string, fc.Arbitrary<unknown>> = { app_id: fc.constant(target.app.appId), sign_type: signType };
  if (props.total_amount) {
    // Any amount the schema allows, and now and then one the sandbox answers 1002 or 1001 to, in either form.
    const any = schemaArbitrary(document, props.total_amount, {}, 'total_amount').filter(notSlow);
    const sandbox = sandboxFen().chain((fen) => fc.constantFrom<unknown>(formatYuan(fen), yuanNumber(fen)));
    overrides.total_amount = fc.oneof({ weight: 4, arbitrary: any }, { weight: 1, arbitrary: sandbox });
  }
  return schemaArbitrary(document, { $ref: `#/components/schemas/${call.name}` }, { overrides, omit: ['sign'] }) as fc.Arbitrary<Json>;
}

export function callProperties(session: FuzzSession, path: ApiPath): FuzzProperty[] {
  const drafts = draftArbitrary(session, path);
  const space = mutationSpace(session.document, session.call(path), session.knownAppIds);
  const pay = path === API_PATHS.pay;
  const { target } = session;

  async function attempt(draft: Json, mutations: readonly Mutation[], label: string): Promise<void> {
    const built = buildRequest(session.materialize(path, draft), mutations, session.signing);
    if (mutations.length === 0 && 'fault' in session.verdict(path, built.text)) {
      throw new Error(`paycheck's generator drew a request its own oracle refuses: ${built.text.slice(0, 200)}`);
    }
    const expectation = session.expectationFor(path, built, mutations.some((m) => m.kind === 'duplicate-key'));
    fc.pre(!session.mayNotSend(path, expectation));
    for (const m of mutations) session.coverage.mutation(m.kind);
    await session.attempt(path, built, expectation, session.newRunState(), [], label);
  }

  const positive: FuzzProperty = {
    id: propertyId(path, 'positive'),
    call: path,
    kind: 'positive',
    spendsCodes: pay,
    skipped: pay && !target.moneyAllowed ? 'not loopback and no PAY_LIVE_PAY_CODES: a valid pay request reaches the pay step' : undefined,
    build: () => fc.asyncProperty(drafts, (draft) => attempt(draft, [], 'a valid, signed request')),
  };
  const mutated = (kind: 'negative' | 'signing', mutations: fc.Arbitrary<Mutation[]>, label: string): FuzzProperty => ({
    id: propertyId(path, kind),
    call: path,
    kind,
    spendsCodes: false,
    build: () => fc.asyncProperty(fc.tuple(drafts, mutations), async ([draft, list]) => attempt(draft, list, label)),
  });
  return [
    positive,
    mutated('negative', space.negative, 'a valid request with faults added'),
    mutated('signing', space.signing, 'a valid request, changed around its signature'),
  ];
}
