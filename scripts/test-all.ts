/**
 * `npm test`: each tier once, in turn — unit (node:test, in-process), integration (node:test, a
 * process per file), the Playwright contract suite and the smoke load run — with each tier's
 * counts and wall time as it ends, a table of them at the close, and one closing line summed over
 * every tier — `N passed, N failed[, N skipped]` — which CI reads. Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

interface TierResult extends Tally {
  tier: string;
  seconds: number;
}

const REPORTS = 'reports';
mkdirSync(REPORTS, { recursive: true });

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** The tally a tier's report gives; a run that exited non-zero counts one failure even when its report shows none. */
function tallyOf(status: number, read: () => Tally): Tally {
  try {
    const counts = read();
    return { ...counts, failed: counts.failed || (status === 0 ? 0 : 1) };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

/** A node:test tier: the spec reporter on the console, TAP to a file for the counts. */
function nodeTests(label: string, invoke: (reporters: string[]) => string[], tap: string): Tally {
  rmSync(tap, { force: true });
  const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`];
  const status = run(label, process.execPath, invoke(reporters));
  return tallyOf(status, () => {
    const text = readFileSync(tap, 'utf8');
    // The runner's own closing counts are the last `# pass` / `# fail` lines of the stream.
    const last = (name: string) => Number([...text.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
    return { passed: last('pass'), failed: last('fail') + last('cancelled'), skipped: last('skipped') + last('todo') };
  });
}

/** In-process, so the reporters are options of this node process, before the script. */
const unitTests = () => nodeTests('unit tests (node:test, in-process)', (reporters) => ['--import', 'tsx', ...reporters, 'scripts/unit-tests.ts'], `${REPORTS}/unit.tap`);

/** The runner hands the reporters on to `node --test`. */
const integrationTests = () => nodeTests('integration tests (node:test)', (reporters) => ['--import', 'tsx', 'scripts/integration-tests.ts', ...reporters], `${REPORTS}/integration.tap`);

interface PlaywrightStats {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

function contractTests(): Tally {
  const json = `${REPORTS}/contracts.json`;
  rmSync(json, { force: true });
  const status = run('contract suite (Playwright), every target', 'npx', ['playwright', 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
    PAYCHECK_REPORTERS: 'list,json',
  });
  return tallyOf(status, () => {
    const { stats } = JSON.parse(readFileSync(json, 'utf8')) as PlaywrightStats;
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  });
}

interface LoadSummary {
  thresholds: { name: string; ok: boolean }[];
}

/** The full smoke profile against the embedded mock, through the npm script; each threshold counts as one check. */
function smokeLoad(): Tally {
  const json = `${REPORTS}/load-summary.json`;
  rmSync(json, { force: true });
  // PAY_BASE_URL would aim the run elsewhere; this tier measures the embedded mock.
  const status = run('load smoke against the embedded mock (thresholds enforced)', process.execPath, ['bin/paycheck.js', 'load', '--profile', 'smoke'], { PAY_BASE_URL: '' });
  return tallyOf(status, () => {
    const { thresholds } = JSON.parse(readFileSync(json, 'utf8')) as LoadSummary;
    const failed = thresholds.filter((t) => !t.ok).length;
    return { passed: thresholds.length - failed, failed, skipped: 0 };
  });
}

const TIERS: [string, () => Tally][] = [
  ['unit', unitTests],
  ['integration', integrationTests],
  ['contracts', contractTests],
  ['load smoke', smokeLoad],
];

const countsText = (t: Tally) => `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;

const results: TierResult[] = [];
for (const [tier, runTier] of TIERS) {
  const started = performance.now();
  const tally = runTier();
  const result = { tier, ...tally, seconds: (performance.now() - started) / 1000 };
  results.push(result);
  console.log(`\n--- ${tier}: ${countsText(result)} in ${result.seconds.toFixed(1)} s`);
}
const total = results.reduce<Tally>(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\n=== tiers');
for (const r of results) console.log(`${r.tier.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} s  ${countsText(r)}`);
console.log(`${'total'.padEnd(12)} ${results.reduce((s, r) => s + r.seconds, 0).toFixed(1).padStart(7)} s`);
console.log(`\n${countsText(total)}`);
process.exit(total.failed > 0 ? 1 : 0);
