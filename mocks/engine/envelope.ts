/** The `{code, msg, data}` envelope, messages from src/codes.ts. Bodies without data are built once per code. */
import { messageOf, type Code } from '../../src/codes.ts';
import type { Answer } from './pay-context.ts';

const emptyBodies = new Map<number, string>();

export function envelopeBody(answer: Answer): string {
  if (answer.data !== undefined) return JSON.stringify({ code: answer.code, msg: answer.msg ?? messageOf(answer.code), data: answer.data });
  let body = emptyBodies.get(answer.code);
  if (body === undefined) {
    body = JSON.stringify({ code: answer.code, msg: messageOf(answer.code as Code), data: {} });
    emptyBodies.set(answer.code, body);
  }
  return body;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
