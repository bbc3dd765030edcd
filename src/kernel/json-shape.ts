/**
 * Three shapes of JSON that JSON.parse accepts and paycheck refuses. A key twice in one object:
 * JSON.parse keeps the last, another reader the first, so a signer and a verifier can read
 * different requests from one text (a signature-bypass shape). Nesting past MAX_JSON_DEPTH: V8
 * parses it without recursion, but JSON.stringify (the string to sign) and every recursive walk
 * overflow the stack. A number a double cannot hold (an integer past 2^53, a decimal of more
 * digits than a double keeps, one past its range): JSON.parse rounds it without a word, so the
 * string to sign would carry another number than the text, and a server that signs the digits it
 * received never agrees. Runtime-neutral; every check here is linear and iterative, so that it
 * meets 10 000-deep input without recursion. The mock's bodies and the command line's requests are
 * both held to it, so they refuse the same texts.
 */

/**
 * The deepest nesting read anywhere a request is read (the mock's bodies, `sign`, `explain`,
 * `verify`) or signed. The request object is level 1; a valid request nests 3 deep (its
 * `goods_list` lines), so this is far from anything real and far below the stack's limit.
 */
export const MAX_JSON_DEPTH = 32;

export type JsonShapeProblem =
  | { kind: 'duplicate-key'; path: string }
  | { kind: 'too-deep'; limit: number }
  | ImpreciseNumber;

/** `written` as the text has it, `read` as JSON.parse (and so the string to sign) has it. */
interface ImpreciseNumber {
  kind: 'imprecise-number';
  path: string;
  written: string;
  read: string;
}

const QUOTE = 0x22;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const MINUS = 0x2d;

/**
 * Nesting past `maxDepth`, else the first duplicate key, else the first number JSON.parse did not
 * read exactly, in `text`, which JSON.parse read as `value`. The mock asks this of every body, so the common case reads the text only natively:
 * the depth and the number of keys are taken from `value` (one iterative walk), and the keys the
 * text writes are counted as its `":` — which no key followed by whitespace escapes (that text
 * takes the slow path), and which a string holding `\":` can only inflate. So when the two counts
 * agree no key was written twice (a duplicate leaves `value` a key short); only when they differ
 * is the text read again, to name the duplicate or to find there is none.
 */
export function jsonShapeProblem(text: string, value: unknown, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem | undefined {
  const keys = keysWithin(value, maxDepth);
  if (keys < 0) return { kind: 'too-deep', limit: maxDepth };
  if (SPACED_KEY_END.test(text) || keyEnds(text) !== keys) {
    const path = duplicateKeyOf(text);
    if (path !== undefined) return { kind: 'duplicate-key', path };
  }
  return MAYBE_IMPRECISE.test(text) ? impreciseNumberOf(text) : undefined;
}

/**
 * A number whose digits run to 16 or more, or whose exponent has three digits: only these can fail
 * to survive a double, since a decimal of at most 15 significant digits within the double's range
 * reads back exactly. A number starts a text or follows `:`, `,` or `[`, and both alternatives are
 * held to that start, so the pay codes, ids and signs of every ordinary body — digits inside
 * strings, a hex sign's `4E123` among them — stay off the full scan.
 */
const MAYBE_IMPRECISE = /(?:^|[:,[])[ \t\n\r]*-?(?:[0-9.]{16}|[0-9.]+[eE][-+]?[0-9]{3})/;

const SPACED_KEY_END = /"[ \t\n\r]+:/;

/** How often `":` stands in the text; a one-character search runs several times faster than a two-character one. */
function keyEnds(text: string): number {
  let count = 0;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) if (text.charCodeAt(at - 1) === QUOTE) count++;
  return count;
}

/**
 * How many keys the objects of a parsed value hold, all told, or -1 when it nests deeper than
 * `limit` levels (itself level 1). Iterative; it stops at the limit, so a cycle ends too.
 */
function keysWithin(value: unknown, limit: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limit) return -1;
    if (Array.isArray(node)) {
      for (const child of node) {
        if (typeof child === 'object' && child !== null) nodes.push(child), depths.push(depth + 1);
      }
      continue;
    }
    for (const key in node) {
      count++;
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) nodes.push(child), depths.push(depth + 1);
    }
  }
  return count;
}

/** An open object (its keys so far, and the one being read) or array (the index being read). */
interface Frame {
  keys: Set<string> | undefined;
  key: string;
  index: number;
}

/**
 * For a client about to send a text JSON.parse accepts: the JSONPath of its first key written twice
 * in one object, at any depth — named as the contract findings name fields: `$.total_amount`,
 * `$.goods_list[0].title`.
 */
export function duplicateKeyOf(text: string): string | undefined {
  let found: string | undefined;
  walkJson(text, {
    key(frames, key) {
      const keys = (frames[frames.length - 1].keys ??= new Set());
      if (!keys.has(key)) return keys.add(key), false;
      found = jsonPath(frames, key);
      return true;
    },
  });
  return found;
}

/** The first number of `text` that JSON.parse does not read as the value written, with its JSONPath. */
function impreciseNumberOf(text: string): ImpreciseNumber | undefined {
  let found: ImpreciseNumber | undefined;
  walkJson(text, {
    number(frames, written) {
      const read = readsAs(written);
      if (read === undefined) return false;
      found = { kind: 'imprecise-number', path: valuePath(frames), written, read };
      return true;
    },
  });
  return found;
}

/**
 * What JSON.parse makes of a number that it does not read exactly — as JSON.stringify writes it,
 * or Infinity past the double's range (which JSON writes as null) — or undefined when it reads the
 * value written. `11.00` reads 11 and `1E2` 100, the same values: D-33 signs them so.
 */
function readsAs(written: string): string | undefined {
  if (written.length <= 15 && !/[eE]/.test(written)) return undefined;
  const value = Number(written);
  if (!Number.isFinite(value)) return String(value);
  const read = JSON.stringify(value);
  if (read === written) return undefined;
  return decimalOf(read) === decimalOf(written) ? undefined : read;
}

/** A number's value as significant digits and the power of ten of the last, so that `1.50`, `15e-1` and `1.5` compare equal. */
function decimalOf(number: string): string {
  const negative = number.charCodeAt(0) === MINUS;
  const [mantissa, exponentText = '0'] = (negative ? number.slice(1) : number).split(/[eE]/);
  const dot = mantissa.indexOf('.');
  const digits = (dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1)).replace(/^0+/, '');
  const significant = digits.replace(/0+$/, '');
  if (significant === '') return '0';
  const exponent = Number(exponentText) - (dot < 0 ? 0 : mantissa.length - dot - 1) + digits.length - significant.length;
  return `${negative ? '-' : ''}${significant}e${exponent}`;
}

interface JsonVisitor {
  /** A key of the innermost object (the last frame); true stops the walk. */
  key?(frames: Frame[], key: string): boolean;
  /** A number, as written, the value of the innermost frame's key or index; true stops the walk. */
  number?(frames: Frame[], written: string): boolean;
}

/** One pass over a text JSON.parse accepts, strings skipped natively, keeping the path to where it is. */
function walkJson(text: string, visitor: JsonVisitor): void {
  const strings = stringScanner(text);
  const frames: Frame[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const open = i;
      i = strings.end(open);
      if (!isKeyEnd(text, i)) continue;
      const frame = frames[frames.length - 1];
      const key = strings.escaped ? (JSON.parse(text.slice(open, i + 1)) as string) : text.slice(open + 1, i);
      if (visitor.key?.(frames, key)) return;
      frame.key = key;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      frames.push({ keys: undefined, key: '', index: c === OPEN_ARRAY ? 0 : -1 });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      frames.pop();
    } else if (c === COMMA) {
      const frame = frames[frames.length - 1];
      if (frame.index >= 0) frame.index++;
    } else if (visitor.number && (c === MINUS || (c >= 0x30 && c <= 0x39))) {
      let end = i + 1;
      while (end < n && isNumberChar(text.charCodeAt(end))) end++;
      if (visitor.number(frames, text.slice(i, end))) return;
      i = end - 1;
    }
  }
}

const isNumberChar = (c: number): boolean => (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;

/**
 * Where each string of one text ends. Strings are skipped with indexOf, natively; the next quote
 * and the next backslash are each kept until passed, so that neither an escape-heavy string nor a
 * long one is ever scanned twice.
 */
function stringScanner(text: string) {
  let quote = -1;
  let backslash = text.indexOf('\\');
  return {
    /** Whether the last string ended had an escape in it. */
    escaped: false,
    /** The index of the quote that closes the string opening at `open` (the text's length if none does). */
    end(open: number): number {
      this.escaped = false;
      for (let from = open + 1; ; ) {
        if (quote < from) quote = text.indexOf('"', from);
        if (backslash >= 0 && backslash < from) backslash = text.indexOf('\\', from);
        if (quote < 0) return text.length;
        if (backslash < 0 || quote < backslash) return quote;
        this.escaped = true;
        from = backslash + 2;
      }
    },
  };
}

/** In JSON a string is a key exactly when a colon follows it. */
function isKeyEnd(text: string, close: number): boolean {
  let i = close + 1;
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
  return c === COLON;
}

/** The one wording of a problem, for the mock's `X-Mock-Reason` and the CLI's message: `subject` is what holds the text. */
export function describeJsonShapeProblem(subject: string, problem: JsonShapeProblem): string {
  switch (problem.kind) {
    case 'duplicate-key':
      return `${subject} has the key ${problem.path} twice in one object (which one counts is ambiguous)`;
    case 'too-deep':
      return `${subject} nests deeper than ${problem.limit} levels`;
    case 'imprecise-number':
      return `${subject} has the number ${problem.written} at ${problem.path}: ${impreciseWhy(problem.written)}, so it reads ${problem.read}; send it as a string`;
  }
}

function impreciseWhy(written: string): string {
  if (!Number.isFinite(Number(written))) return 'beyond the largest JSON number';
  return /[.eE]/.test(written) ? 'more digits than a JSON number keeps (15 to 17 significant)' : 'more digits than a JSON number keeps (2^53)';
}

/** Whether an object or array nests deeper than `limit` levels (itself level 1). */
export function nestsDeeperThan(value: object, limit: number): boolean {
  return keysWithin(value, limit) < 0;
}

const LONGEST_KEY_SHOWN = 64;

/** The path of a key of the innermost frame. */
function jsonPath(frames: readonly Frame[], key: string): string {
  return valuePath(frames.slice(0, -1)) + member(key);
}

/** The path of the value the innermost frame is at (its key or index). */
function valuePath(frames: readonly Frame[]): string {
  let path = '$';
  for (const frame of frames) path += frame.index < 0 ? member(frame.key) : `[${frame.index}]`;
  return path;
}

function member(key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key) && key.length <= LONGEST_KEY_SHOWN) return `.${key}`;
  return `[${JSON.stringify(key.length > LONGEST_KEY_SHOWN ? `${key.slice(0, LONGEST_KEY_SHOWN)}…` : key)}]`;
}
