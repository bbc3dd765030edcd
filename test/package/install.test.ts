/**
 * paycheck as a dependency of someone else's project: the package is packed (its prepack builds
 * dist/), installed into a fresh temporary project offline — the project's lockfile names the
 * tarball and, for every runtime dependency, the very versions this repository's lockfile holds,
 * so `npm ci --offline` finds them all in the cache that `npm ci` filled here — and used there as a
 * cashier team would: a plain `node --test` file that pays through the MSW handlers, `paycheck
 * mock`, `paycheck contracts --base-url` against it and a short `paycheck load`. No tsx anywhere.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'paycheck-package-'));
const project = join(work, 'shop');
const children: ChildProcess[] = [];

interface LockEntry {
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** `name`'s entry and everything it depends on, as npm resolves them: nested first, then up the tree. */
function closureOf(packages: Record<string, LockEntry>, name: string): Record<string, LockEntry> {
  const found: Record<string, LockEntry> = {};
  const pending = [`node_modules/${name}`];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (found[path] || !packages[path]) continue;
    const { dev: _dev, ...entry } = packages[path];
    found[path] = entry;
    for (const dependency of Object.keys(entry.dependencies ?? {})) {
      let base = path;
      while (!packages[`${base}/node_modules/${dependency}`] && base.includes('/node_modules/')) base = base.slice(0, base.lastIndexOf('/node_modules/'));
      pending.push(packages[`${base}/node_modules/${dependency}`] ? `${base}/node_modules/${dependency}` : `node_modules/${dependency}`);
    }
  }
  return found;
}

/** The environment of a command run in the project: not inside this test run (a nested node --test would skip its files). */
function projectEnv(): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  return env;
}

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: projectEnv(), timeout: 240_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

before(() => {
  const packed = run('npm', ['pack', '--silent', '--pack-destination', work], ROOT);
  assert.equal(packed.status, 0, packed.out);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? '');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: unknown; dependencies: Record<string, string>; peerDependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const runtime = Object.fromEntries(Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.dev && !entry.link));
  // msw is a peer: the project's own copy, the one its tests' msw/node is, at the version this repository tests.
  const msw = closureOf(lock.packages, 'msw');
  const dependencies = { paycheck: `file:${tarball}`, msw: String(msw['node_modules/msw'].version) };
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  rmSync(project, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module', dependencies }, null, 2));
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'shop',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'shop', dependencies },
        'node_modules/paycheck': { version: pkg.version, resolved: `file:${tarball}`, integrity, bin: pkg.bin, dependencies: pkg.dependencies, peerDependencies: pkg.peerDependencies },
        ...msw,
        ...runtime,
      },
    }),
  );
  const installed = run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
  assert.equal(installed.status, 0, installed.out);
});

after(() => {
  for (const child of children) child.kill();
  rmSync(work, { recursive: true, force: true });
});

test('the package ships what users import and nothing of the repository\'s own', () => {
  const files = run('tar', ['-tzf', join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? '')], work).out.split('\n').filter(Boolean);
  assert.ok(files.includes('package/dist/package/index.js') && files.includes('package/dist/package/msw.d.ts'), files.slice(0, 20).join('\n'));
  assert.ok(files.includes('package/openapi.yaml') && files.includes('package/bin/paycheck.js'));
  // The example test is shipped on purpose, for a cashier team to copy.
  const stray = files.filter((f) => f !== 'package/examples/cashier.test.mjs' && /\.test\.|^package\/(test|scripts|\.ci|src)\/|bench|k6-check/.test(f));
  assert.deepEqual(stray, []);
});

test('imports resolve in plain Node 20, and the MSW handlers pay in a plain node --test file', () => {
  const resolved = run(process.execPath, ['--input-type=module', '-e', "const p = await import('paycheck'); const m = await import('paycheck/msw'); await import('paycheck/mock'); console.log(typeof p.nodeSigner.sign, typeof m.createMswHandlers)"], project);
  assert.equal(resolved.out.trim(), 'function function', resolved.out);
  copyFileSync(join(ROOT, 'examples/cashier.test.mjs'), join(project, 'cashier.test.mjs'));
  const tested = run(process.execPath, ['--test', 'cashier.test.mjs'], project);
  assert.equal(tested.status, 0, tested.out);
  assert.match(tested.out, /# pass 3\n# fail 0/);
});

test('paycheck mock (its console too), then paycheck contracts --base-url and a short paycheck load against it, all from the installed package', async () => {
  const bin = join(project, 'node_modules/.bin/paycheck');
  const mock = spawn(bin, ['mock', '--port', '0', '--quiet'], { cwd: project, env: projectEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(mock);
  const url = await new Promise<string>((resolveUrl, reject) => {
    let seen = '';
    mock.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (found) resolveUrl(found[1]);
    });
    mock.on('exit', () => reject(new Error(`paycheck mock exited: ${seen}`)));
  });
  // The console's script was built into the package: the installed mock has no esbuild to bundle it.
  const script = await fetch(`${url}/__mock/console.js`);
  assert.equal(script.status, 200);
  assert.match(await script.text(), /SIGNING_MISTAKES|secret-key-app_secret/);
  assert.match(await (await fetch(`${url}/__mock/`)).text(), /paycheck mock console/);
  // Asynchronous children from here on: the mock they talk to is a child of this process too.
  const runAsync = (args: string[]) =>
    new Promise<{ status: number | null; out: string }>((done) => {
      const child = spawn(bin, args, { cwd: project, env: projectEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', (status) => done({ status, out }));
    });
  const contracts = await runAsync(['contracts', '--base-url', url, '--', '--grep', 'precedence', '--reporter=line']);
  assert.equal(contracts.status, 0, contracts.out);
  assert.match(contracts.out, /live: \d+ rules, \d+ checks, \d+ passed, 0 failed/);
  const summary = JSON.parse(readFileSync(join(project, 'reports/contract-summary.json'), 'utf8')) as { projects: { live: { tests: { passed: number } } } };
  assert.ok(summary.projects.live.tests.passed > 0);
  const load = await runAsync(['load', '--base-url', url, '--profile', 'smoke', '--duration-scale', '0.2', '-q']);
  assert.equal(load.status, 0, load.out);
  assert.match(load.out, /PASS/);
  assert.ok(readFileSync(join(project, 'reports/load-summary.json'), 'utf8').includes('"thresholds"'));
});

test('msw is a peer: the project\'s own msw is the one paycheck/msw uses, any 2.x from 2.14 on', () => {
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules/paycheck/package.json'), 'utf8')) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
  assert.equal(manifest.dependencies?.msw, undefined);
  assert.ok(manifest.peerDependencies?.msw, 'msw is a peer dependency');
  // The project's pin decides; msw 3 needs Node 22, so the range stays on 2.x.
  for (const [version, accepted] of [['2.14.7', true], ['2.15.0', true], ['3.0.0', false], ['2.13.0', false]] as const) {
    assert.equal(satisfiesCaret(version, manifest.peerDependencies.msw), accepted, `${version} against ${manifest.peerDependencies.msw}`);
  }
  const located = run(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('msw', import.meta.resolve('paycheck/msw')))"], project);
  assert.equal(located.out.trim(), pathToFileURL(join(project, 'node_modules/msw/lib/core/index.mjs')).href);
});

/** `version` within a `^x.y.z` range (the one form the manifest uses). */
function satisfiesCaret(version: string, range: string): boolean {
  const [major, minor, patch] = version.split('.').map(Number);
  const floor = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  assert.ok(floor, `a caret range: ${range}`);
  const [fMajor, fMinor, fPatch] = floor.slice(1).map(Number);
  return major === fMajor && (minor > fMinor || (minor === fMinor && patch >= fPatch));
}

test('the documented setupServer(...createMswHandlers(…)) type-checks in an ES module project and a CommonJS one', () => {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const snippet = [
    "import { setupServer } from 'msw/node';",
    "import { createMswHandlers, createNodeEngine, PRODUCTION_BASE_URL } from 'paycheck/msw';",
    'export const server = setupServer(...createMswHandlers(createNodeEngine(), { baseUrl: PRODUCTION_BASE_URL }));',
    '',
  ].join('\n');
  for (const type of ['module', 'commonjs']) {
    const dir = join(project, `types-${type}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['server.ts'] }));
    writeFileSync(join(dir, 'server.ts'), snippet);
    const checked = run(process.execPath, [tsc, '-p', dir], dir);
    assert.equal(checked.status, 0, `${type}: ${checked.out}`);
  }
});

test('a mock started from code gets the console and the request log from paycheck/mock: the shipped example runs as docs/mock.md shows it', () => {
  const example = readFileSync(join(project, 'node_modules/paycheck/examples/mock-console.mjs'), 'utf8');
  assert.ok(readFileSync(join(ROOT, 'docs/mock.md'), 'utf8').includes(`\`\`\`js\n${example}\`\`\``), 'docs/mock.md shows examples/mock-console.mjs verbatim');
  const ran = run(process.execPath, ['node_modules/paycheck/examples/mock-console.mjs'], project);
  assert.equal(ran.status, 0, ran.out);
  assert.match(ran.out, /console: http:\/\/127\.0\.0\.1:\d+\/__mock\//);
  // The log's own line for the pay, pay code masked, and the console page served.
  assert.match(ran.out, /POST \/pay\/qrcode 200 code=1000 scenario=SUCCESS order_id=\S+ pay_code=\d{4}\*+\d{4}/);
  assert.match(ran.out, /GET \/__mock\/ 200/);
  assert.match(ran.out, /paid: HTTP 200; console page: HTTP 200/);
});

test('what the installed package tells a user to read is there: --help names its docs/cli.md by the path it has; the k6 scripts are a clone\'s, and docs/load.md says so', () => {
  const help = run(join(project, 'node_modules/.bin/paycheck'), ['--help'], project);
  assert.equal(help.status, 0, help.out);
  const reference = /every flag and error code: (\S+)\.$/m.exec(help.out)?.[1];
  assert.equal(reference, join('node_modules', 'paycheck', 'docs', 'cli.md'), help.out);
  assert.ok(existsSync(join(project, reference)));
  // k6 runs TypeScript that imports the shared modules' TypeScript, which the package does not ship.
  assert.ok(!existsSync(join(project, 'node_modules/paycheck/src')));
  const load = readFileSync(join(project, 'node_modules/paycheck/docs/load.md'), 'utf8');
  const k6 = load.slice(load.indexOf('## The k6 scripts'));
  assert.match(k6.slice(0, k6.indexOf('```')), /run from a clone of this repository, not from the installed package/);
});
