/**
 * The k6-operator set-up, verified without a cluster: `npm run load:operator`'s manifests agree
 * with the profile (script, parallelism, arguments), carry credentials only by reference, fit a
 * ConfigMap, and the bundled script they ship runs on the k6 test doubles and pays.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { createEngine } from '../../src/engine/index.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { PAY_CHECKS } from '../../src/runners/load/request/pay-answer-checks.ts';
import { profileByName } from '../../src/runners/load/profiles/profiles.ts';
import { generateOperatorSetUp } from '../../src/runners/load/operator/generate-operator.ts';
import { K6_OPERATOR_VERSION, operatorProblem, ORDERS_KEY, type OperatorManifests } from '../../src/runners/load/operator/operator-manifests.ts';
import { k6State } from '../../src/runners/load/k6-check/doubles/k6-state.ts';
import { loadK6Script } from '../../src/runners/load/k6-check/k6-runner.ts';

const dir = mkdtempSync(join(tmpdir(), 'paycheck-operator-'));
after(() => rmSync(dir, { recursive: true, force: true }));

for (const [profileName, script] of [['stress', 'pay.js'], ['checkout', 'checkout.js']] as const) {
  test(`${profileName}: the TestRun runs ${script} on parallelism pods with the profile's arguments; the ConfigMap holds what it names`, async () => {
    const profile = profileByName(profileName)!;
    const out = join(dir, profileName);
    const { files } = await generateOperatorSetUp({ profile, parallelism: 4, baseUrl: 'http://paycheck-mock.load.svc:4010', name: `paycheck-${profileName}`, secretName: 'paycheck-app' }, out);
    const [configMap, testRun] = files.map((f) => parse(readFileSync(f, 'utf8'))) as [OperatorManifests['configMap'], OperatorManifests['testRun']];
    assert.equal(K6_OPERATOR_VERSION, 'v1.0.0');
    assert.equal(testRun.apiVersion, 'k6.io/v1alpha1');
    assert.equal(testRun.kind, 'TestRun');
    assert.equal(testRun.spec.parallelism, 4);
    assert.ok(testRun.spec.parallelism <= profile.preAllocatedVUs);
    assert.deepEqual(testRun.spec.script, { configMap: { name: configMap.metadata.name, file: script } });
    assert.deepEqual(Object.keys(configMap.data).sort(), [script, ORDERS_KEY].sort());
    assert.ok(readFileSync(files[0]).length < 1_048_576, 'a ConfigMap holds at most 1 MiB');
    const args = Object.fromEntries([...testRun.spec.arguments.matchAll(/-e (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    assert.deepEqual(args, { SCENARIO: profileName, BASE_URL: 'http://paycheck-mock.load.svc:4010', ORDERS_FILE: `./${ORDERS_KEY}`, REPORT_DIR: '/tmp/paycheck-reports', ALLOW_REMOTE: '1' });
    for (const name of ['PAY_APP_ID', 'PAY_APP_SECRET']) {
      const entry = testRun.spec.runner.env.find((e) => e.name === name);
      assert.ok(entry && 'valueFrom' in entry && entry.valueFrom.secretKeyRef.name === 'paycheck-app', `${name} only by reference to the Secret`);
    }
    const imports = [...configMap.data[script].matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    assert.ok(imports.length > 0 && imports.every((s) => s === 'k6' || s.startsWith('k6/')), imports.join(', '));
  });
}

test('the bundled pay script, as the ConfigMap ships it, runs on the k6 doubles: valid, signed orders, paid, checks passing', async () => {
  const out = join(dir, 'run');
  const { manifests } = await generateOperatorSetUp({ profile: profileByName('smoke')!, parallelism: 2, baseUrl: 'http://127.0.0.1:4010', name: 'paycheck-smoke', secretName: 'paycheck-app' }, out);
  // As the operator mounts the ConfigMap: its keys, side by side (.mjs: an ES module for Node).
  writeFileSync(join(out, 'pay.mjs'), manifests.configMap.data['pay.js']);
  writeFileSync(join(out, ORDERS_KEY), manifests.configMap.data[ORDERS_KEY]);
  assert.doesNotMatch(manifests.testRun.spec.arguments, /ALLOW_REMOTE/, 'a loopback target needs no opt-in');
  const script = await loadK6Script(pathToFileURL(join(out, 'pay.mjs')), { SCENARIO: 'smoke', ORDERS_FILE: `./${ORDERS_KEY}` }, 'bundled');
  k6State.reset();
  k6State.handler = createEngine({ spec: loadSpec(), signer: nodeSigner, selfCheck: true }).handle;
  script.setup();
  for (let i = 0; i < 10; i++) {
    k6State.iterationInTest = i;
    script.default();
  }
  assert.equal(k6State.posts.length, 10);
  assert.ok(k6State.posts.every((p) => JSON.parse(p.response.body).code === 1000));
  assert.equal(k6State.checks.filter((c) => c.ok).length, 10 * PAY_CHECKS.length);
  k6State.reset();
});

test('options that cannot make one run are refused, naming why', () => {
  const smoke = profileByName('smoke')!;
  assert.match(operatorProblem({ profile: smoke, parallelism: 0, name: 'x' }) ?? '', /1 or more/);
  assert.match(operatorProblem({ profile: smoke, parallelism: smoke.preAllocatedVUs + 1, name: 'x' }) ?? '', /more pods than profile smoke pre-allocates/);
  assert.match(operatorProblem({ profile: smoke, parallelism: 2, name: 'Paycheck_Smoke' }) ?? '', /not a Kubernetes name/);
  assert.equal(operatorProblem({ profile: smoke, parallelism: 2, name: 'paycheck-smoke' }), undefined);
});
