/**
 * Which modules a k6 script loads, followed through every relative import, and what k6 could
 * not resolve: k6 runs built-in `k6/*` modules and relative files named with their extension —
 * no `node:*`, no npm package, no remote URL. Type-only imports (`import type`) are erased
 * before k6 sees them and are not followed.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The k6 ≥ 1.0 built-in modules this project may use. */
const K6_MODULES = new Set(['k6', 'k6/crypto', 'k6/data', 'k6/encoding', 'k6/execution', 'k6/http', 'k6/metrics', 'k6/timers']);

export interface ImportProblem {
  file: string;
  specifier: string;
  reason: string;
}

interface ModuleImport {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): ModuleImport[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: ModuleImport[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly === true });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const arg = node.arguments[0];
      found.push({ specifier: arg && ts.isStringLiteral(arg) ? arg.text : '<computed>', typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function problemWith(specifier: string, from: string): { reason?: string; follow?: string } {
  if (specifier.startsWith('k6')) return K6_MODULES.has(specifier) ? {} : { reason: 'not a k6 built-in module' };
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return { reason: 'k6 resolves only k6/* and relative paths (no node:*, npm package or URL)' };
  if (!/\.(ts|js)$/.test(specifier)) return { reason: 'a relative import needs its .ts/.js extension' };
  const target = resolve(dirname(from), specifier);
  return existsSync(target) ? { follow: target } : { reason: 'no such file' };
}

/** Every problem in the import graph of `entries`, and the files that graph loads at run time. */
export function checkK6Imports(entries: readonly string[], root: string): { problems: ImportProblem[]; loaded: string[] } {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const queue = entries.map((e) => resolve(e));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { specifier, typeOnly } of importsOf(file)) {
      if (typeOnly) continue;
      const { reason, follow } = problemWith(specifier, file);
      if (reason) problems.push({ file: relative(root, file), specifier, reason });
      if (follow) queue.push(follow);
    }
  }
  return { problems, loaded: [...seen].map((f) => relative(root, f)).sort() };
}

/** The k6 scripts and their libraries: every .ts under `dir` but declaration files. */
export function k6SourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}
