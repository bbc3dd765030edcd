import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMask, maskPayCode, maskPayCodesIn, payCodesIn } from './mask.ts';

// The expected spellings are made with Buffer here, independently of the module's own TextEncoder/btoa.
const SECRET = 'S3cr3t-L3ak-Probe-7Qz9';
const bytes = Buffer.from(SECRET);
const mask = createMask({ secrets: [SECRET] });

function assertMasked(spelling: string, label: string) {
  const line = `before ${spelling} after`;
  const shown = mask(line);
  assert.equal(shown.includes(spelling), false, `${label}: ${shown}`);
  assert.match(shown, /^before .*\*\*\*.* after$/, label);
}

test('the secret raw, JSON-escaped and under any key: app_sercet=, app_secret=, key= or bare', () => {
  assert.equal(mask(`app_id=a&app_sercet=${SECRET}&order_id=1`), 'app_id=a&app_sercet=***&order_id=1');
  assert.equal(mask(`app_secret=${SECRET}&key=${SECRET}`), 'app_secret=***&key=***');
  assert.equal(mask(`x${SECRET}y`), 'x***y');
  const quoted = 'a"b\\c-secret-\u2028';
  assert.equal(createMask({ secrets: [quoted] })(JSON.stringify({ s: quoted })), '{"s":"***"}');
});

test('the secret in hex, lower and upper case', () => {
  assertMasked(bytes.toString('hex'), 'lower hex');
  assertMasked(bytes.toString('hex').toUpperCase(), 'upper hex');
});

test('the secret in Base64: standard and URL-safe, with or without padding', () => {
  const odd = 'S3cr3t-L3ak-Probe-7Qz9?>'; // a length and bytes that give + / and padding
  const oddBytes = Buffer.from(odd);
  const oddMask = createMask({ secrets: [odd] });
  for (const [label, spelled] of [
    ['standard', oddBytes.toString('base64')],
    ['standard, unpadded', oddBytes.toString('base64').replace(/=+$/, '')],
    ['URL-safe', oddBytes.toString('base64url')],
    ['URL-safe, padded', oddBytes.toString('base64url') + '='.repeat((4 - (oddBytes.toString('base64url').length % 4)) % 4)],
  ]) {
    assert.equal(oddMask(`[${spelled}]`).includes(spelled.replace(/=+$/, '').slice(0, -2)), false, label);
  }
  assertMasked(bytes.toString('base64'), 'standard');
  assertMasked(bytes.toString('base64url'), 'URL-safe');
});

test('the secret inside the Base64 of a longer text, at each of the three alignments', () => {
  for (const before of ['', 'a', 'ab', 'abc', 'app_sercet=']) {
    for (const after of ['', 'z', '&order_id=PC1']) {
      const encoded = Buffer.from(`${before}${SECRET}${after}`);
      for (const spelled of [encoded.toString('base64'), encoded.toString('base64url')]) {
        const shown = mask(spelled);
        assert.match(shown, /\*\*\*/, `${before}|${after}: ${shown}`);
        // What is left of the encoding decodes to the text around the secret, never to eight of its bytes in a row.
        const leftover = shown.split('***').map((part) => Buffer.from(part, 'base64').toString('latin1'));
        for (let i = 0; i + 8 <= SECRET.length; i++) assert.equal(leftover.some((part) => part.includes(SECRET.slice(i, i + 8))), false, `${before}|${after}: ${shown}`);
      }
    }
  }
});

test('the secret URL-encoded: its own percent-encoding, lower-case escapes, every byte escaped', () => {
  const spaced = 'my secret/with+signs';
  const spacedMask = createMask({ secrets: [spaced] });
  for (const spelled of [encodeURIComponent(spaced), encodeURIComponent(spaced).toLowerCase(), new URLSearchParams({ s: spaced }).toString().slice(2)]) {
    assert.equal(spacedMask(`a=${spelled}&b=1`), 'a=***&b=1', spelled);
  }
  assertMasked([...bytes].map((b) => `%${b.toString(16).toUpperCase()}`).join(''), 'every byte, upper');
  assertMasked([...bytes].map((b) => `%${b.toString(16)}`).join(''), 'every byte, lower');
});

test('digests and signatures are left alone; so is text without the secret', () => {
  const line = 'md5 (upper hex): FFD1750C57A7D907435CA590C1F13DCB sign: RkZEMTc1MEM1N0E3RDkwNzQzNUNBNTkwQzFGMTNEQ0I=';
  assert.equal(mask(line), line);
  assert.equal(createMask()('nothing to hide'), 'nothing to hide');
});

test('a short secret is masked as a whole word only, so ordinary words keep their letters', () => {
  const short = createMask({ secrets: ['s'] });
  assert.equal(short('app_id=a&app_sercet=s&sign_type=MD5 inside'), 'app_id=a&app_sercet=***&sign_type=MD5 inside');
});

test('pay codes of both channels, as strings and as JSON numbers, masked to their prefix and last four', () => {
  assert.equal(maskPayCode('134567890123456789'), '1345**********6789');
  assert.equal(mask('{"pay_code":"134567890123456789"}'), '{"pay_code":"1345**********6789"}');
  assert.equal(mask('{"pay_code":134567890123456789}'), '{"pay_code":1345**********6789}');
  assert.equal(mask('pay_code=2846371625317482&x=1'), 'pay_code=2846********7482&x=1');
  assert.equal(mask('auth 284637162531748290123456.'), 'auth 2846****************3456.');
  const parsed = JSON.parse('{"pay_code":284637162531748290123456}') as { pay_code: number };
  const written = JSON.stringify(parsed); // {"pay_code":2.8463716253174829e+23}
  assert.match(written, /e\+23/);
  assert.match(mask(written), /^\{"pay_code":2\.84\*{14}e\+23\}$/);
  assert.equal(mask(`pay_code%3D134567890123456789%26`), 'pay_code%3D1345**********6789%26');
  assert.equal(mask('{"pay_code":2.512345678901234e15}'), '{"pay_code":2.51************4e15}', 'an exponent another JSON writer chose');
});

test('digits that are not pay-code-shaped are left alone: ids after a letter, fractions, other lengths and prefixes, small numbers', () => {
  const line = 'order PC2750351178030001 trade LFT1780000000000000001 at_ms 1780000000000 order_id 2017102100151091 164567890123456789 1345678901234567890 1e+3 total 11.00 signing 3.2857142857142856 us';
  assert.equal(mask(line), line);
  assert.deepEqual(payCodesIn(line), []);
});

test('payCodesIn finds each code as written; maskPayCodesIn keeps the length; showPayCodes keeps the codes', () => {
  const text = '{"a":"134567890123456789","b":2.846371625317483e+23,"c":"2846371625317482"}';
  assert.deepEqual(payCodesIn(text), ['134567890123456789', '2846371625317482', '2.846371625317483e+23']);
  assert.equal(maskPayCodesIn(text).length, text.length);
  const shown = createMask({ secrets: [SECRET], showPayCodes: true });
  assert.equal(shown(`${text} ${SECRET}`), `${text} ***`);
});
