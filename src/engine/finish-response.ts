/**
 * A pipeline's end as the response an adapter sends: the envelope or the fault's answer, the
 * added latency, the mangling faults, the self-check, the answer count, the journal entry and the
 * adapter's log fields.
 */
import type { SchemaName } from '../kernel/spec/schemas.ts';
import { envelopeBody, JSON_TYPE } from './envelope.ts';
import { pickLatency, type FaultSpec, type LatencySpec, type TerminalFaultKind } from './faults.ts';
import type { RequestJournal } from './journal.ts';
import { ORDER_STATUS } from './order-record.ts';
import type { Answer, CallContext } from './pay-context.ts';
import type { PipelineEnd } from './pipeline.ts';
import type { BodyRead } from './request-body.ts';
import { HANG, RESET, truncate } from './transport-fault.ts';
import type { MockResponse } from './types.ts';

const FAULT_STATUS: Partial<Record<TerminalFaultKind, number>> = { 'http-500': 500, 'http-502': 502, 'http-503': 503 };
const NOT_JSON_BODY = '<html><body><h1>502 Bad Gateway</h1></body></html>';

export interface FinishOptions {
  journal: RequestJournal;
  random: () => number;
  /** Test mode: throws when an answer breaks the spec (`schema`, or the pay schemas by code). */
  selfCheck: ((response: MockResponse, schema?: SchemaName) => void) | undefined;
}

export interface ResponseFinisher {
  /**
   * The response for a call that ran its pipeline: `route` is the journal's path string, `active`
   * the faults that fired, `schema` what the self-check holds a lifecycle answer to.
   */
  finish(end: PipelineEnd, ctx: CallContext, route: string, active: readonly FaultSpec[], scenarioName: string, latency: LatencySpec | undefined, schema?: SchemaName): MockResponse;
  /** An envelope response, nothing counted or journaled. */
  envelope(answer: Answer, scenarioName: string): MockResponse;
  /** Answers by code since start or reset, for health (load runs read them). */
  answers(): Record<number, number>;
  clear(): void;
}

export function createFinisher({ journal, random, selfCheck }: FinishOptions): ResponseFinisher {
  let answers: Record<number, number> = {};

  function envelope(answer: Answer, scenarioName: string): MockResponse {
    const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'x-mock-scenario': scenarioName };
    if (answer.reason !== undefined) headers['x-mock-reason'] = headerSafe(answer.reason);
    return { status: 200, headers, body: envelopeBody(answer), delayMs: answer.delayMs };
  }

  function render(end: PipelineEnd, scenarioName: string): MockResponse {
    if (end.kind === 'answer') return envelope(end.answer, scenarioName);
    const status = FAULT_STATUS[end.fault];
    const headers = { 'content-type': 'text/html', 'x-mock-scenario': scenarioName };
    if (status !== undefined) return { status, headers, body: `<html><body><h1>${status}</h1></body></html>` };
    return { status: 200, headers, body: '', fault: end.fault === 'reset' ? RESET : HANG };
  }

  function finish(end: PipelineEnd, ctx: CallContext, route: string, active: readonly FaultSpec[], scenarioName: string, latency: LatencySpec | undefined, schema?: SchemaName): MockResponse {
    const response = render(end, scenarioName);
    const code = end.kind === 'answer' ? end.answer.code : undefined;
    if (code !== undefined) answers[code] = (answers[code] ?? 0) + 1;
    let delayMs = response.delayMs ?? 0;
    if (latency) delayMs += pickLatency(latency, random);
    response.delayMs = delayMs > 0 ? delayMs : undefined;
    const faults = active.length > 0 ? active.map((f) => f.kind).join(',') : undefined;
    if (faults !== undefined) {
      response.headers['x-mock-fault'] = faults;
      if (active.some((f) => f.kind === 'non-json')) response.body = NOT_JSON_BODY;
      if (active.some((f) => f.kind === 'truncate') && !response.fault) truncate(response);
    }
    if (selfCheck && code !== undefined && active.length === 0) selfCheck(response, schema);
    const params = ctx.params as (CallContext['params'] & { order_id?: string; trade_no?: string; refund_order_id?: string; pay_code?: string }) | undefined;
    const record = ctx.record;
    const orderId = record?.orderId ?? params?.order_id ?? rawField(ctx.body, 'order_id');
    journal.append({
      at_ms: ctx.now,
      method: ctx.request.method,
      // The route's and the app's own strings: the request's are copies the journal would keep for 10 000 calls.
      path: route,
      app_id: ctx.app?.appId ?? params?.app_id ?? rawField(ctx.body, 'app_id'),
      order_id: orderId,
      trade_no: record?.tradeNo ?? params?.trade_no,
      refund_order_id: params?.refund_order_id,
      code,
      order_status: record === undefined ? undefined : ORDER_STATUS[record.state],
      scenario: scenarioName,
      fault: faults,
      delay_ms: response.delayMs,
      sign_diagnosis: end.kind === 'answer' ? end.answer.signDiagnosis : undefined,
    });
    response.log = { code, scenario: scenarioName, orderId, payCode: params?.pay_code, faults };
    return response;
  }

  return {
    finish,
    envelope,
    answers: () => answers,
    clear() {
      answers = {};
    },
  };
}

/** A string field of a body that failed its schema, for the journal (who sent what). */
function rawField(body: BodyRead | undefined, name: string): string | undefined {
  if (body?.kind !== 'json' || typeof body.value !== 'object' || body.value === null) return undefined;
  const value = (body.value as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Header values must be Latin-1 without control characters. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
