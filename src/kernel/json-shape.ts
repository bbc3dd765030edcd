/**
 * Two shapes of JSON that JSON.parse accepts and paycheck refuses. A key twice in one object:
 * JSON.parse keeps the last, another reader the first, so a signer and a verifier can read
 * different requests from one text (a signature-bypass shape). Nesting past MAX_JSON_DEPTH: V8
 * parses it without recursion, but JSON.stringify (the string to sign) and every recursive walk
 * overflow the stack. Runtime-neutral; every check here is linear and iterative, so that it meets
 * 10 000-deep input without recursion.
 */

/**
 * The deepest nesting read anywhere a request is read (the mock's bodies, `sign`, `explain`,
 * `verify`) or signed. The request object is level 1; a valid request nests 3 deep (its
 * `goods_list` lines), so this is far from anything real and far below the stack's limit.
 */
export const MAX_JSON_DEPTH = 32;

export type JsonShapeProblem = { kind: 'duplicate-key'; path: string } | { kind: 'too-deep'; limit: number };

const QUOTE = 0x22;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/**
 * Nesting past `maxDepth`, else the first duplicate key, in `text`, which JSON.parse read as
 * `value`. The mock asks this of every body, so the common case reads the text only natively:
 * the depth and the number of keys are taken from `value` (one iterative walk), and the keys the
 * text writes are counted as its `":` — which no key followed by whitespace escapes (that text
 * takes the slow path), and which a string holding `\":` can only inflate. So when the two counts
 * agree no key was written twice (a duplicate leaves `value` a key short); only when they differ
 * is the text read again, to name the duplicate or to find there is none.
 */
export function jsonShapeProblem(text: string, value: unknown, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem | undefined {
  const keys = keysWithin(value, maxDepth);
  if (keys < 0) return { kind: 'too-deep', limit: maxDepth };
  if (!SPACED_KEY_END.test(text) && keyEnds(text) === keys) return undefined;
  const path = duplicateKeyOf(text);
  return path === undefined ? undefined : { kind: 'duplicate-key', path };
}

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
      const keys = (frame.keys ??= new Set());
      if (keys.has(key)) return jsonPath(frames, key);
      keys.add(key);
      frame.key = key;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      frames.push({ keys: undefined, key: '', index: c === OPEN_ARRAY ? 0 : -1 });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      frames.pop();
    } else if (c === COMMA) {
      const frame = frames[frames.length - 1];
      if (frame.index >= 0) frame.index++;
    }
  }
  return undefined;
}

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
  return problem.kind === 'duplicate-key'
    ? `${subject} has the key ${problem.path} twice in one object (which one counts is ambiguous)`
    : `${subject} nests deeper than ${problem.limit} levels`;
}

/** Whether an object or array nests deeper than `limit` levels (itself level 1). */
export function nestsDeeperThan(value: object, limit: number): boolean {
  return keysWithin(value, limit) < 0;
}

const LONGEST_KEY_SHOWN = 64;

function jsonPath(frames: readonly Frame[], key: string): string {
  let path = '$';
  for (let i = 0; i < frames.length - 1; i++) path += frames[i].index < 0 ? member(frames[i].key) : `[${frames[i].index}]`;
  return path + member(key);
}

function member(key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key) && key.length <= LONGEST_KEY_SHOWN) return `.${key}`;
  return `[${JSON.stringify(key.length > LONGEST_KEY_SHOWN ? `${key.slice(0, LONGEST_KEY_SHOWN)}…` : key)}]`;
}
