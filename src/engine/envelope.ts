/** The `{code, msg, data}` envelope, messages from src/kernel/codes.ts. Bodies without data are built once per code. */
import { messageOf, type Code } from '../kernel/codes.ts';
import type { Answer } from './pay-context.ts';

const emptyBodies = new Map<number, string>();
/** Code → msg → head; both come from fixed sets (the registry, the lifecycle wording). */
const heads = new Map<number, Map<string, string>>();

export function envelopeBody(answer: Answer): string {
  if (answer.data !== undefined) return envelopeHead(answer.code, answer.msg ?? messageOf(answer.code)) + JSON.stringify(answer.data) + '}';
  let body = emptyBodies.get(answer.code);
  if (body === undefined) {
    body = JSON.stringify({ code: answer.code, msg: messageOf(answer.code as Code), data: {} });
    emptyBodies.set(answer.code, body);
  }
  return body;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `{"code":…,"msg":…,"data":` once per code and message. The messages are Chinese, and a
 * stringify that meets one mid-way rewrites what it has built as two-byte; the data alone is
 * usually ASCII (ids and numbers; voucher names are the exception) and stays one-byte.
 */
function envelopeHead(code: number, msg: string): string {
  let byMsg = heads.get(code);
  if (byMsg === undefined) heads.set(code, (byMsg = new Map()));
  let head = byMsg.get(msg);
  if (head === undefined) {
    head = `{"code":${code},"msg":${JSON.stringify(msg)},"data":`;
    byMsg.set(msg, head);
  }
  return head;
}
