/**
 * The k6-operator set-up for a profile: a ConfigMap holding the bundled k6 script and its order
 * data (flat, as the operator mounts it at /test/), and a TestRun that runs it on `parallelism`
 * pods. The operator gives each pod its `--execution-segment` of one sequence; each pod logs its
 * summary on one `paycheck-summary` line, and `paycheck load merge` adds them up (docs/load.md).
 * Written for k6-operator v1.0 (the TestRun CRD, `k6.io/v1alpha1`); credentials only by
 * reference to a Secret, never in the manifest.
 */
import { isLoopbackBaseUrl } from '../request/target-guard.ts';
import type { LoadProfile } from '../profiles/profiles.ts';

export const K6_OPERATOR_VERSION = 'v1.0.0';
const K6_IMAGE = 'grafana/k6:1.0.0';
/** The data file's key in the ConfigMap, beside the script: the script opens it by ORDERS_FILE. */
export const ORDERS_KEY = 'pay-orders.json';

export interface OperatorOptions {
  profile: LoadProfile;
  parallelism: number;
  /** The target as the pods reach it (a Service's address). */
  baseUrl: string;
  /** The TestRun's name; the ConfigMap is `<name>-script`. */
  name: string;
  /** The Secret holding `app-id` and `app-secret` (PAY_APP_ID / PAY_APP_SECRET). */
  secretName: string;
}

export interface OperatorManifests {
  configMap: { apiVersion: 'v1'; kind: 'ConfigMap'; metadata: { name: string }; data: Record<string, string> };
  testRun: {
    apiVersion: 'k6.io/v1alpha1';
    kind: 'TestRun';
    metadata: { name: string };
    spec: {
      parallelism: number;
      script: { configMap: { name: string; file: string } };
      arguments: string;
      runner: { image: string; env: ({ name: string; value: string } | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } })[] };
    };
  };
}

/** The script a profile runs: the checkout profile its own, every other the pay script. */
export const scriptFileOf = (profile: LoadProfile): string => (profile.kind === 'checkout' ? 'checkout.js' : 'pay.js');

/** Why these options cannot make one run, or undefined. */
export function operatorProblem(o: Pick<OperatorOptions, 'profile' | 'parallelism' | 'name'>): string | undefined {
  if (!Number.isInteger(o.parallelism) || o.parallelism < 1) return `parallelism must be a whole number of pods, 1 or more; got ${o.parallelism}`;
  // k6 splits the scenario's VUs over the segments: a pod without one pre-allocated VU starts late or not at all.
  if (o.parallelism > o.profile.preAllocatedVUs) return `parallelism ${o.parallelism} is more pods than profile ${o.profile.name} pre-allocates VUs (${o.profile.preAllocatedVUs}): some pods would have none`;
  if (!/^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/.test(o.name)) return `"${o.name}" is not a Kubernetes name (lower-case letters, digits and '-')`;
  return undefined;
}

export function operatorManifests(o: OperatorOptions, bundle: { script: string; orders: string }): OperatorManifests {
  const problem = operatorProblem(o);
  if (problem !== undefined) throw new RangeError(problem);
  const file = scriptFileOf(o.profile);
  const args = [`SCENARIO=${o.profile.name}`, `BASE_URL=${o.baseUrl}`, `ORDERS_FILE=./${ORDERS_KEY}`, 'REPORT_DIR=/tmp/paycheck-reports', ...(isLoopbackBaseUrl(o.baseUrl) ? [] : ['ALLOW_REMOTE=1'])];
  const secret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: o.secretName, key } } });
  return {
    configMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${o.name}-script` }, data: { [file]: bundle.script, [ORDERS_KEY]: bundle.orders } },
    testRun: {
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: o.name },
      spec: {
        parallelism: o.parallelism,
        script: { configMap: { name: `${o.name}-script`, file } },
        arguments: args.map((a) => `-e ${a}`).join(' '),
        runner: { image: K6_IMAGE, env: [{ name: 'K6_NO_USAGE_REPORT', value: 'true' }, secret('PAY_APP_ID', 'app-id'), secret('PAY_APP_SECRET', 'app-secret')] },
      },
    },
  };
}
