/**
 * The fields of a request schema, nested ones included (a goods line stands for every goods line:
 * `goods_list[0].title`), and reading or writing a value at such a path in a request draft.
 */
import { childPath, itemsPath } from './schema-arbitrary.ts';
import { isObjectSchema, objectShape, resolve, type JsonSchema, type SpecDocument } from './spec-schema.ts';

export interface RequestField {
  /** Where the value sits in a request: `order_id`, `store_info.store_id`, `goods_list[0].title`. */
  path: string;
  /** The same as the schema arbitraries name it: `goods_list[].title`. */
  schemaPath: string;
  node: JsonSchema;
  /** A top-level field: signed as its own `key=value` pair. */
  top: boolean;
  required: boolean;
}

/** Every property the schema declares, depth first; an array's items as its first item. */
export function requestFields(document: SpecDocument, root: JsonSchema): RequestField[] {
  const out: RequestField[] = [];
  const visit = (node: JsonSchema, at: string, schemaAt: string) => {
    const shape = objectShape(document, node);
    for (const [key, child] of Object.entries(shape.properties)) {
      const path = childPath(at, key);
      const schemaPath = childPath(schemaAt, key);
      out.push({ path, schemaPath, node: child, top: at === '', required: shape.required.includes(key) });
      const resolved = resolve(document, child);
      if (isObjectSchema(document, resolved)) visit(resolved, path, schemaPath);
      else if (resolved.type === 'array' && resolved.items && isObjectSchema(document, resolved.items)) visit(resolved.items, `${path}[0]`, itemsPath(schemaPath));
    }
  };
  visit(root, '', '');
  return out;
}

/** The objects of a request a key can be added to or reordered in: the body (`''`) and each nested one. */
export function objectPaths(document: SpecDocument, fields: readonly RequestField[]): string[] {
  const nested = fields.filter((f) => isObjectSchema(document, f.node)).map((f) => f.path);
  const items = fields.filter((f) => {
    const node = resolve(document, f.node);
    return node.type === 'array' && node.items !== undefined && isObjectSchema(document, node.items);
  }).map((f) => `${f.path}[0]`);
  return ['', ...nested, ...items];
}

type Container = Record<string, unknown> | unknown[];

/** `goods_list[0].title` → ['goods_list', 0, 'title']. */
function steps(path: string): (string | number)[] {
  if (path === '') return [];
  return path.split('.').flatMap((part) => {
    const m = /^(.*)\[(\d+)\]$/.exec(part);
    return m ? [m[1], Number(m[2])] : [part];
  });
}

/** The node the steps lead to, or undefined where one of them finds no object. */
function walk(body: unknown, path_: readonly (string | number)[]): unknown {
  let node = body;
  for (const step of path_) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

export function valueAt(body: unknown, path: string): unknown {
  return walk(body, steps(path));
}

/** Sets the value, making the objects and arrays on the way that are missing or not containers. */
export function setAt(body: Record<string, unknown>, path: string, value: unknown): void {
  const path_ = steps(path);
  let node: Container = body;
  path_.forEach((step, i) => {
    const holder = node as Record<string | number, unknown>;
    if (i === path_.length - 1) {
      holder[step] = value;
      return;
    }
    const next = holder[step];
    if (next === null || typeof next !== 'object') holder[step] = typeof path_[i + 1] === 'number' ? [] : {};
    node = holder[step] as Container;
  });
}

export function deleteAt(body: Record<string, unknown>, path: string): void {
  const path_ = steps(path);
  const last = path_.pop();
  const parent = walk(body, path_);
  if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[last as string];
}
