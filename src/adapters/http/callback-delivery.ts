/**
 * Delivers the engine's status callbacks (engine.outbox) to the configured receiver with fetch:
 * the first attempt at once, then retries after 0.1 s, 0.5 s, 2 s, 10 s and 30 s while the
 * receiver answers anything but HTTP 200 or does not answer within 5 s (the spec's webhook), then
 * gives up. A redirect is a failed attempt (its status and Location journalled), never followed:
 * the signed callback goes to the configured URL and nowhere else. `timeScale` multiplies every one of those times (tests use 0.01). One order's
 * callbacks are first attempted in the order the engine queued them; retries may overtake.
 * Loopback receivers only, as every other paycheck traffic.
 */
import { isLoopbackUrl } from '../../kernel/settings.ts';
import { sendOutbound, TransportError } from '../client/outbound.ts';
import { MockControlError, type CallbackDelivery, type OutboxDrain } from '../../engine/index.ts';

/** Waits before each retry, in ms (attempt 1 goes at once). */
export const CALLBACK_RETRY_MS = [100, 500, 2_000, 10_000, 30_000] as const;
/** An attempt without an answer in this time failed. */
export const CALLBACK_TIMEOUT_MS = 5_000;
/** Scaled timeouts never go below this, so a loaded machine does not fake a timeout. */
const MIN_TIMEOUT_MS = 200;
/** An out-of-order callback whose order has no next callback in this time is sent anyway. */
const CALLBACK_HOLD_MS = 2_000;

export interface CallbackDelivererOptions {
  url: string;
  outbox: OutboxDrain;
  /** Multiplies the retry waits, the timeout and the hold time (default 1). */
  timeScale?: number;
  /** How long an out-of-order callback waits for its order's next one (default CALLBACK_HOLD_MS × timeScale). */
  holdMs?: number;
}

export interface CallbackDeliverer {
  readonly url: string;
  /** Resolves once nothing is queued, held, waiting or in flight. */
  whenIdle(): Promise<void>;
  close(): void;
}

/** Throws unless `url` is an http(s) URL on a loopback host. */
export function assertCallbackUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new MockControlError(`callback URL "${url}" is not a URL`);
  }
  if ((protocol !== 'http:' && protocol !== 'https:') || !isLoopbackUrl(url)) {
    throw new MockControlError(`callback URL ${url} is not an http(s) loopback URL: the mock calls back only to 127.0.0.1, localhost or [::1]`);
  }
}

export function startCallbackDelivery(options: CallbackDelivererOptions): CallbackDeliverer {
  assertCallbackUrl(options.url);
  const { url, outbox } = options;
  const scale = options.timeScale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new MockControlError(`callback time scale must be > 0 and ≤ 1; got ${scale}`);
  const timeoutMs = Math.max(MIN_TIMEOUT_MS, CALLBACK_TIMEOUT_MS * scale);
  const holdMs = options.holdMs ?? CALLBACK_HOLD_MS * scale;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<AbortController>();
  /** Per order, the first attempt of its latest delivery. */
  const lanes = new Map<string, Promise<void>>();
  let active = 0;
  let holdTimer: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function attempt(delivery: CallbackDelivery): Promise<boolean> {
    const controller = new AbortController();
    inFlight.add(controller);
    const at = Date.now();
    try {
      const answer = await sendOutbound(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: delivery.body,
        timeoutMs,
        signal: controller.signal,
      });
      const ok = answer.status === 200;
      const location = answer.redirectedTo === undefined ? {} : { location: answer.redirectedTo };
      if (!closed) outbox.report(delivery, { at_ms: at, status: answer.status, ...location }, ok ? 'delivered' : 'pending');
      return ok;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      if (!closed) outbox.report(delivery, { at_ms: at, error: error.message }, 'pending');
      return false;
    } finally {
      inFlight.delete(controller);
    }
  }

  async function deliver(delivery: CallbackDelivery, first: Promise<boolean>): Promise<void> {
    let ok = await first;
    for (const retryMs of CALLBACK_RETRY_MS) {
      if (ok || closed) break;
      await wait(retryMs * scale);
      if (closed) break;
      ok = await attempt(delivery);
    }
    if (!ok && !closed) delivery.log.outcome = 'gave-up';
  }

  function start(delivery: CallbackDelivery): void {
    active++;
    const previous = lanes.get(delivery.orderKey) ?? Promise.resolve();
    const first = previous.then(() => (closed ? false : attempt(delivery)));
    const lane = first.then(() => undefined);
    lanes.set(delivery.orderKey, lane);
    void deliver(delivery, first).finally(() => {
      if (lanes.get(delivery.orderKey) === lane) lanes.delete(delivery.orderKey);
      active--;
      settleIdle();
    });
  }

  function pump(): void {
    if (closed) return;
    for (const delivery of outbox.drain()) start(delivery);
    if (outbox.held > 0 && holdTimer === undefined) {
      holdTimer = setTimeout(() => {
        holdTimer = undefined;
        outbox.releaseHeld();
      }, holdMs);
    }
    settleIdle();
  }

  function settleIdle(): void {
    if (active > 0 || outbox.held > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  outbox.onReady = () => queueMicrotask(pump);
  pump();

  return {
    url,
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        queueMicrotask(pump);
      });
    },
    close() {
      closed = true;
      outbox.onReady = undefined;
      if (holdTimer !== undefined) clearTimeout(holdTimer);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const controller of inFlight) controller.abort(new Error('the mock is closing'));
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },
  };
}
