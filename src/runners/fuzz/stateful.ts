/**
 * `--stateful`: sequences of pay, get, check, cancel and refund on a few orders, run against a
 * model of the documented state machine (fast-check's model-based commands). The model knows
 * what each order was last seen as and says which codes the next call may answer: a repeated pay
 * is never paid again, a refund beyond what is left is 2001, a cancelled order answers 1005, a
 * cancel succeeds only where the documented moves (src/checks/contract/order-transitions.ts)
 * lead to cancelled. Every answer then goes through the same checks as any other — the contract
 * rules that judge an order's later answers against what the run saw of it (refunds within what
 * was paid, a query agreeing with the pay answer, statuses following the documented moves)
 * included. Where an order moves by itself (a customer still paying) the model allows each code
 * it may have moved to, and learns the outcome from the answer.
 */
import fc from 'fast-check';
import { canFollow } from '../../checks/contract/order-transitions.ts';
import type { Expectation, RunState } from '../../checks/contract/check-context.ts';
import type { FuzzStep } from '../../checks/report/fuzz-report.ts';
import { DIALECT_CODES } from '../../kernel/codes.ts';
import { formatYuan, parseAmount, type Fen } from '../../kernel/money/money.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import type { BuiltRequest } from './mutations.ts';
import { draftArbitrary, sandboxFen, SLOW_FEN, type FuzzProperty } from './properties.ts';
import type { FuzzSession } from './session.ts';
import type { ApiPath } from './spec-schema.ts';

type Json = Record<string, unknown>;

/** How many orders one sequence works on. */
const ORDERS = 2;
const MAX_COMMANDS = 10;

interface OrderModel {
  order_id: string;
  trade_no?: string;
  /** The status the last answer about it showed. */
  status?: number;
  /** What the customer paid, once an answer showed it. */
  paidFen?: Fen;
  returnedFen: Fen;
  refundIds: string[];
  /** The pay request as sent, for a repeat. */
  pay: BuiltRequest;
}

interface Model {
  orders: (OrderModel | undefined)[];
}

interface Real {
  state: RunState;
  steps: FuzzStep[];
}

/** Statuses in which the customer's money moved: a repeat is a duplicate payment (D-34). */
const MONEY_MOVED: ReadonlySet<number> = new Set([1, 2, 3, -2, -3]);
const codes = (c: Readonly<Record<string, number>>) => [...new Set(Object.values(c))];
const ALREADY_PAID = codes(DIALECT_CODES.alreadyPaid);
const DUPLICATE = codes(DIALECT_CODES.duplicateOrder);
const REFUSED_REFUND = codes(DIALECT_CODES.format);

const dataOf = (step: FuzzStep): Json => ((step.exchange.response?.body as { data?: Json } | undefined)?.data ?? {});
const codeOf = (step: FuzzStep): unknown => (step.exchange.response?.body as { code?: unknown } | undefined)?.code;
const fenOf = (v: unknown) => {
  const parsed = parseAmount(v, { allowZero: true });
  return parsed.ok ? parsed.fen : undefined;
};

/** A repeat of the pay request: already paid (1003), or a duplicate order number (1007); either while the outcome is open. */
export function repeatCodes(o: OrderModel): number[] {
  if (o.status !== undefined && MONEY_MOVED.has(o.status)) return ALREADY_PAID;
  if (o.status === -1 || o.status === 4) return DUPLICATE;
  return [...new Set([...ALREADY_PAID, ...DUPLICATE])];
}

/** A cancel succeeds where a documented move leads to cancelled; a cancelled order is 1005, a closed one 1004, a refunded one 1006. */
export function cancelCodes(o: OrderModel): number[] {
  const status = o.status;
  if (status === 5) return [1005];
  if (status === 4) return [1004];
  if (status === undefined) return [1000, 1004, 1005, 1006];
  const out = [...(canFollow(status, 5) ? [1000] : []), ...(canFollow(status, 4) ? [1004] : [])];
  return out.length > 0 ? out : [1006];
}

type RefundAsk = 'rest' | 'part' | 'all' | 'over' | 'tiny';

/** What is asked, in fen (0: the rest), given what is left. */
function askedFen(ask: RefundAsk, left: Fen | undefined): Fen {
  if (ask === 'rest') return 0;
  if (ask === 'tiny' || left === undefined) return 1;
  if (ask === 'part') return Math.max(1, Math.floor(left / 2));
  return ask === 'all' ? Math.max(1, left) : left + 1;
}

export function refundCodes(o: OrderModel, asked: Fen, reused: boolean): number[] {
  if (reused) return REFUSED_REFUND;
  const status = o.status;
  if (status === 5) return [1005, 2001];
  if (status === 4) return [1004, 2001];
  if (status === -1 || status === 2) return [2001];
  if (status === undefined || !MONEY_MOVED.has(status) || o.paidFen === undefined) return [1000, 2001];
  const left = o.paidFen - o.returnedFen;
  return left <= 0 || (asked === 0 ? left : asked) > left ? [2001] : [1000];
}

/** What an answer showed of the order, for the next call's codes. */
function learn(o: OrderModel, step: FuzzStep, call: ApiPath): void {
  const code = codeOf(step);
  const data = dataOf(step);
  if (call === API_PATHS.refund && code === 2002) o.status = -2;
  if (code !== 1000 && !(call === API_PATHS.pay && (code === 1001 || code === 1002))) {
    if (call === API_PATHS.cancel && code === 1004) o.status = 4;
    return;
  }
  if (typeof data.trade_no === 'string') o.trade_no ??= data.trade_no;
  const before = o.status;
  if (typeof data.order_status === 'number') o.status = data.order_status;
  if (o.paidFen === undefined && o.status !== undefined && MONEY_MOVED.has(o.status) && (call === API_PATHS.pay || call === API_PATHS.get)) o.paidFen = fenOf(data.real_amount);
  if (call === API_PATHS.cancel && before === 1 && o.paidFen !== undefined) o.returnedFen = o.paidFen;
  if (call === API_PATHS.refund) {
    o.returnedFen += fenOf(data.refund_amount) ?? 0;
    if (typeof data.refund_order_id === 'string') o.refundIds.push(data.refund_order_id);
  }
}

type Naming = 'order_id' | 'trade_no' | 'both';

function naming(o: OrderModel, by: Naming): Json {
  if (by === 'order_id' || o.trade_no === undefined) return { order_id: o.order_id };
  return by === 'trade_no' ? { trade_no: o.trade_no } : { order_id: o.order_id, trade_no: o.trade_no };
}

abstract class OrderCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly session: FuzzSession,
    readonly slot: number,
  ) {}

  /** A call about an order runs once the sequence has paid it (orders never made are the lifecycle properties' part). */
  check(model: Readonly<Model>): boolean {
    return model.orders[this.slot] !== undefined;
  }

  abstract name: string;
  abstract describe(): string;
  /** The call, its request and the codes the model allows, for this model. */
  abstract plan(model: Model): { call: ApiPath; built: BuiltRequest; expectation: Expectation };

  async run(model: Model, real: Real): Promise<void> {
    const { call, built, expectation } = this.plan(model);
    const step = await this.session.attempt(call, built, expectation, real.state, real.steps, this.describe());
    real.steps.push(step);
    this.session.coverage.command(this.name, codeOf(step));
    const order = model.orders[this.slot];
    if (order) learn(order, step, call);
    else this.adopt(model, step);
  }

  /** A pay that made an order: the model has it from now on. */
  adopt(_model: Model, _step: FuzzStep): void {}

  toString(): string {
    return this.describe();
  }

  /** A signed lifecycle request naming the order (or, before there is one, an order never made). */
  lifecycle(model: Model, fields: (o: OrderModel) => Json, unknownFields: Json = {}): { built: BuiltRequest; known: OrderModel | undefined } {
    const o = model.orders[this.slot];
    const names = o ? fields(o) : { order_id: this.session.freshId('FZ'), ...unknownFields };
    const signed = this.session.signing.sign({ app_id: this.session.target.app.appId, sign_type: 'MD5', ...names });
    return { built: { text: JSON.stringify(signed), json: signed, done: [] }, known: o };
  }
}

class PayCommand extends OrderCommand {
  name = 'pay';
  constructor(session: FuzzSession, slot: number, readonly draft: Json) {
    super(session, slot);
  }
  override check(): boolean {
    return true;
  }
  describe() {
    return `pay(order ${this.slot + 1}, ${String(this.draft.total_amount)} yuan)`;
  }
  plan(model: Model) {
    const o = model.orders[this.slot];
    if (o) return { call: API_PATHS.pay, built: { ...o.pay, done: ['the same pay request again'] }, expectation: { codes: repeatCodes(o) } };
    const body = this.session.materialize(API_PATHS.pay, this.draft);
    const signed = this.session.signing.sign(body);
    const built = { text: JSON.stringify(signed), json: signed, done: [] };
    return { call: API_PATHS.pay, built, expectation: this.session.expectationFor(API_PATHS.pay, built) };
  }
  override adopt(model: Model, step: FuzzStep) {
    const code = codeOf(step);
    if (code !== 1000 && code !== 1001 && code !== 1002) return;
    const request = step.exchange.request.json as Json;
    const order: OrderModel = { order_id: String(request.order_id), returnedFen: 0, refundIds: [], pay: { text: step.exchange.request.text, json: request, done: [] } };
    learn(order, step, API_PATHS.pay);
    model.orders[this.slot] = order;
  }
}

class LookupCommand extends OrderCommand {
  constructor(
    session: FuzzSession,
    slot: number,
    readonly call: typeof API_PATHS.get | typeof API_PATHS.check,
    readonly by: Naming | 'refund',
  ) {
    super(session, slot);
  }
  get name() {
    return this.call === API_PATHS.get ? 'get' : 'check';
  }
  describe() {
    return `${this.name}(order ${this.slot + 1} by ${this.by})`;
  }
  plan(model: Model) {
    const { built, known } = this.lifecycle(model, (o) => (this.by === 'refund' && o.refundIds.length > 0 ? { refund_order_id: o.refundIds.at(-1) } : naming(o, this.by === 'refund' ? 'order_id' : this.by)));
    return { call: this.call, built, expectation: known ? { codes: [1000] } : ({ unknown: 'order' } as const) };
  }
}

class CancelCommand extends OrderCommand {
  name = 'cancel';
  constructor(session: FuzzSession, slot: number, readonly by: Naming) {
    super(session, slot);
  }
  describe() {
    return `cancel(order ${this.slot + 1})`;
  }
  plan(model: Model) {
    const { built, known } = this.lifecycle(model, (o) => naming(o, this.by));
    return { call: API_PATHS.cancel, built, expectation: known ? { codes: cancelCodes(known) } : ({ unknown: 'order' } as const) };
  }
}

class RefundCommand extends OrderCommand {
  name = 'refund';
  constructor(session: FuzzSession, slot: number, readonly ask: RefundAsk, readonly reuse: boolean) {
    super(session, slot);
  }
  describe() {
    return `refund(order ${this.slot + 1}, ${this.ask === 'rest' ? 'the rest (0)' : this.ask}${this.reuse ? ', an earlier refund_order_id' : ''})`;
  }
  plan(model: Model) {
    const o = model.orders[this.slot];
    const left = o?.paidFen === undefined ? undefined : o.paidFen - o.returnedFen;
    const asked = askedFen(this.ask, left);
    const reused = this.reuse && o !== undefined && o.refundIds.length > 0;
    const refund = { refund_order_id: reused ? o!.refundIds[0] : this.session.freshId('RF'), refund_amount: formatYuan(asked) };
    const { built, known } = this.lifecycle(model, (order) => ({ order_id: order.order_id, ...refund }), refund);
    return { call: API_PATHS.refund, built, expectation: known ? { codes: refundCodes(known, asked, reused) } : ({ unknown: 'order' } as const) };
  }
}

export function statefulProperty(session: FuzzSession): FuzzProperty {
  const { target } = session;
  const slot = fc.nat(ORDERS - 1);
  // The sandbox amounts more often than any other, each outcome they select (paid, still paying, failed) alike.
  const amount = fc.oneof({ weight: 3, arbitrary: sandboxFen() }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }).filter((fen) => !SLOW_FEN.has(fen)) });
  const drafts = fc.tuple(draftArbitrary(session, API_PATHS.pay), amount).map(([draft, fen]) => ({ ...draft, total_amount: formatYuan(fen) }));
  const by = fc.constantFrom<Naming>('order_id', 'trade_no', 'both');
  const commands = [
    fc.tuple(slot, drafts).map(([s, d]) => new PayCommand(session, s, d)),
    fc.tuple(slot, by).map(([s, b]) => new LookupCommand(session, s, API_PATHS.get, b)),
    fc.tuple(slot, fc.constantFrom<Naming | 'refund'>('order_id', 'trade_no', 'refund')).map(([s, b]) => new LookupCommand(session, s, API_PATHS.check, b)),
    fc.tuple(slot, fc.constantFrom<Naming>('order_id', 'trade_no')).map(([s, b]) => new CancelCommand(session, s, b)),
    fc.tuple(slot, fc.constantFrom<RefundAsk>('rest', 'part', 'all', 'over', 'tiny'), fc.boolean()).map(([s, ask, reuse]) => new RefundCommand(session, s, ask, reuse)),
  ];
  const remote = !target.loopback;
  return {
    id: 'stateful',
    kind: 'stateful',
    spendsCodes: true,
    skipped: remote && !(target.moneyAllowed && target.lifecycleWrites) ? 'not loopback: it pays, cancels and refunds orders (give PAY_LIVE_PAY_CODES and PAY_LIVE_LIFECYCLE=1)' : undefined,
    build: (replayPath) =>
      fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max', replayPath }), async (cmds) => {
        const real: Real = { state: session.newRunState(), steps: [] };
        await fc.asyncModelRun(() => ({ model: { orders: Array.from({ length: ORDERS }, () => undefined) }, real }), cmds);
      }) as unknown as fc.IAsyncPropertyWithHooks<[unknown]>,
    replayPathOf: ([cmds]) => /replayPath="([^"]*)"/.exec(String(cmds))?.[1],
  };
}
