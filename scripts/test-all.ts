/**
 * `npm test`: every runner the project has, in turn — node:test, Playwright, and the smoke load
 * run — and one closing line summed over all of them — `N passed, N failed[, N skipped]` — which CI reads. Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const REPORTS = 'reports';
mkdirSync(REPORTS, { recursive: true });

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function unitTests(): Tally & { status: number } {
  const tap = `${REPORTS}/unit.tap`;
  rmSync(tap, { force: true });
  const status = run('unit and integration tests (node:test)', process.execPath, [
    '--import', 'tsx', 'scripts/unit-tests.ts',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ]);
  let text = '';
  try {
    text = readFileSync(tap, 'utf8');
  } catch {
    return { passed: 0, failed: 1, skipped: 0, status: status || 1 };
  }
  // The runner's own closing counts are the last `# pass` / `# fail` lines of the stream.
  const last = (name: string) => Number([...text.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
  const failed = last('fail') + last('cancelled');
  return { passed: last('pass'), failed: failed || (status === 0 ? 0 : 1), skipped: last('skipped') + last('todo'), status };
}

interface PlaywrightStats {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

function contractTests(): Tally & { status: number } {
  const json = `${REPORTS}/contracts.json`;
  rmSync(json, { force: true });
  const status = run('contract suite (Playwright), every target', 'npx', ['playwright', 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
    PAYCHECK_REPORTERS: 'list,json',
  });
  try {
    const { stats } = JSON.parse(readFileSync(json, 'utf8')) as PlaywrightStats;
    const failed = stats.unexpected + (status !== 0 && stats.unexpected === 0 ? 1 : 0);
    return { passed: stats.expected + stats.flaky, failed, skipped: stats.skipped, status };
  } catch {
    return { passed: 0, failed: 1, skipped: 0, status: status || 1 };
  }
}

interface LoadSummary {
  thresholds: { name: string; ok: boolean }[];
}

/** The full smoke scenario against the embedded mock; each threshold counts as one check. */
function smokeLoad(): Tally & { status: number } {
  const json = `${REPORTS}/load-summary.json`;
  rmSync(json, { force: true });
  // PAY_BASE_URL would aim the run elsewhere; this step measures the embedded mock.
  const status = run('load smoke against the embedded mock (thresholds enforced)', process.execPath, ['bin/paycheck.js', 'load', '--profile', 'smoke'], { PAY_BASE_URL: '' });
  try {
    const { thresholds } = JSON.parse(readFileSync(json, 'utf8')) as LoadSummary;
    const failed = thresholds.filter((t) => !t.ok).length;
    return { passed: thresholds.length - failed, failed: failed || (status === 0 ? 0 : 1), skipped: 0, status };
  } catch {
    return { passed: 0, failed: 1, skipped: 0, status: status || 1 };
  }
}

const results = [unitTests(), contractTests(), smokeLoad()];
const total = results.reduce<Tally>(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
const failedRun = results.some((r) => r.status !== 0);
if (failedRun && total.failed === 0) total.failed = 1;
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
