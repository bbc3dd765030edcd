/**
 * The import graph of the tree held against {@link LAYERS}: an import may point only down the
 * layer list, the Node-free layers import neither Node nor an npm package off the allow-list, and
 * no module reaches itself through its imports. Every import counts — static, type-only,
 * re-exports and `import('…')`/`require('…')` with a literal — because a type-only import still
 * ties the importer to the imported module's layer and shows up in a cycle a reader must follow.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, posix } from 'node:path';
import ts from 'typescript';
import { LAYERS, NODE_FREE_PACKAGES, isTestFile, type Layer } from './layers.ts';

export interface ImportDirectionReport {
  /** One line per offending import: `file:line imports target (why)`. */
  violations: string[];
  /** One line per import cycle, one cycle for each group of modules that reach each other: `a → b → a`. */
  cycles: string[];
  /** How many modules were read, so a test can tell an empty scan from a clean one. */
  modules: number;
}

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules']);

interface ModuleImport {
  specifier: string;
  line: number;
}

function sourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path);
      } else if (SOURCE.test(entry.name)) found.push(path);
    }
  };
  for (const top of [...LAYERS.flatMap((layer) => layer.paths), 'src/', 'test/']) {
    const path = top.replace(/\/$/, '');
    if (!existsSync(join(root, path))) continue;
    if (statSync(join(root, path)).isDirectory()) walk(path);
    else found.push(path);
  }
  return [...new Set(found)].sort();
}

function importsOf(text: string): ModuleImport[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ({
    specifier: ref.fileName,
    line: text.slice(0, ref.pos).split('\n').length,
  }));
}

/** The file a relative specifier names, as TypeScript's NodeNext resolution would find it (`.js` standing for `.ts`). */
function resolveRelative(root: string, from: string, specifier: string): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), `${base}.ts`, `${base}/index.ts`];
  return candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile());
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The index in {@link LAYERS} of the layer `path` belongs to, if any. */
function rankOf(path: string): number | undefined {
  const rank = LAYERS.findIndex((layer) => layer.paths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)));
  return rank < 0 ? undefined : rank;
}

function nodeFreeViolation(layer: Layer, specifier: string): string | undefined {
  if (isBuiltin(specifier)) return `Node-free layer ${layer.name} may not import Node`;
  if (!NODE_FREE_PACKAGES.includes(packageName(specifier))) return `Node-free layer ${layer.name} may import only ${NODE_FREE_PACKAGES.join(', ')}`;
  return undefined;
}

/** Tarjan's strongly connected components; each group of two or more (or a self-import) holds a cycle. */
function cyclicGroups(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || graph.get(node)?.has(node)) groups.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return groups;
}

/** The shortest way from the group's first module back to itself, inside the group. */
function cycleThrough(group: string[], graph: Map<string, Set<string>>): string[] {
  const members = new Set(group);
  const start = group[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0])!);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Reads every module under the layers' paths, src/ and test/ of the tree at `root`. */
export function checkImportDirection(root: string): ImportDirectionReport {
  const files = sourceFiles(root);
  const violations: string[] = [];
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const test = isTestFile(file);
    const rank = rankOf(file);
    const layer = rank === undefined ? undefined : LAYERS[rank];
    if (!test && !layer) violations.push(`${file} is in no layer (list its folder in LAYERS)`);
    const edges = new Set<string>();
    graph.set(file, edges);
    for (const { specifier, line } of importsOf(readFileSync(join(root, file), 'utf8'))) {
      const at = `${file}:${line} imports ${specifier}`;
      if (!specifier.startsWith('.')) {
        const why = layer?.nodeFree && !test ? nodeFreeViolation(layer, specifier) : undefined;
        if (why) violations.push(`${at} (${why})`);
        continue;
      }
      const target = resolveRelative(root, file, specifier);
      if (!target) {
        violations.push(`${at} (no such file)`);
        continue;
      }
      if (SOURCE.test(target)) edges.add(target);
      if (test) continue;
      const targetRank = rankOf(target);
      if (isTestFile(target)) violations.push(`${file}:${line} imports ${target} (only tests may import test code)`);
      else if (rank !== undefined && targetRank !== undefined && targetRank > rank) {
        violations.push(`${file}:${line} imports ${target} (layer ${LAYERS[rank].name} → higher layer ${LAYERS[targetRank].name})`);
      }
    }
  }
  const cycles = cyclicGroups(graph).map((group) => cycleThrough(group, graph).join(' → ')).sort();
  return { violations, cycles, modules: files.length };
}

