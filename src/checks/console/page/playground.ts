/**
 * The signing playground: a request and a secret in, the string to sign (secret and pay code
 * masked), the MD5 and the sign out — computed in the page by the kernel's signer, the code the
 * CLI runs, with a plain-JavaScript MD5. A request that carries a sign is also verified and, when
 * it fails, diagnosed. Nothing typed here leaves the page.
 */
import { createSigner, signTypeOf } from '../../../kernel/signing/signer.ts';
import { displayCanonical } from '../../../kernel/signing/explain.ts';
import { md5Hex } from '../../../kernel/signing/md5.ts';
import type { SignEncoding } from '../../../kernel/signing/encoding.ts';
import { diagnosisView } from './journal-view.ts';
import { h } from './dom.ts';

const signer = createSigner({ md5Hex, base64: (ascii) => btoa(ascii) });

/** The playground's answer for one input, as DOM. */
export function playgroundResult(requestText: string, secret: string, encoding: SignEncoding): HTMLElement {
  let request: unknown;
  try {
    request = JSON.parse(requestText);
  } catch (error) {
    return h('p', { class: 'error' }, `not JSON: ${(error as Error).message}`);
  }
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return h('p', { class: 'error' }, 'the request must be one JSON object');
  const params = request as Record<string, unknown>;
  if (signTypeOf(params) === 'RSA') return h('p', { class: 'error' }, 'sign_type RSA needs a private key: use paycheck sign --private-key');
  if (secret === '') return h('p', { class: 'error' }, "enter the application's secret (the demo app's is paycheck-demo-secret)");
  const options = { secret, encoding };
  const signature = signer.signature(params, options);
  const rows: [string, Node | string][] = [
    ['string to sign', h('code', { class: 'signed' }, displayCanonical(params))],
    ['md5 (upper hex)', h('code', {}, signature.md5 ?? '')],
    [`sign (${encoding})`, h('code', { id: 'playground-sign' }, signature.sign)],
  ];
  const given = params.sign;
  if (typeof given === 'string') {
    const valid = given === signature.sign;
    rows.push(["request's sign", h('span', { class: valid ? 'ok' : 'bad' }, `${given} — ${valid ? 'matches' : 'differs'}`)]);
  }
  const diagnosis = signer.diagnose(params, options);
  return h(
    'div',
    {},
    h('table', { class: 'kv' }, h('tbody', {}, ...rows.map(([key, value]) => h('tr', {}, h('th', {}, key), h('td', {}, value))))),
    diagnosis ? diagnosisView(diagnosis, 'this page') : null,
  );
}
