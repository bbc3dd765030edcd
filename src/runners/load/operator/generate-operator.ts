/**
 * `npm run load:operator -- --profile stress --parallelism 4 --base-url http://paycheck-mock.load.svc:4010`:
 * writes the k6-operator set-up for a profile (operator-manifests.ts) under reports/k6-operator/:
 * the k6 script bundled into one file with esbuild (only `k6/*` imports left, which the k6 image
 * provides), configmap.yaml with it and the order data, and testrun.yaml. Then:
 * `kubectl apply -f reports/k6-operator/`, and once the pods are done, `kubectl logs -l
 * k6_cr=NAME --prefix --tail=-1 > runners.log && paycheck load merge runners.log`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { stringify } from 'yaml';
import { profileByName, PROFILE_NAMES } from '../profiles/profiles.ts';
import { K6_DATA_FILE } from '../generate-k6-data.ts';
import { operatorManifests, scriptFileOf, type OperatorManifests, type OperatorOptions } from './operator-manifests.ts';

const K6_SCRIPTS = fileURLToPath(new URL('../k6/', import.meta.url));

/** The script as one ES module: the project's modules inlined, k6's own left to the k6 runtime. */
export async function bundleK6Script(file: string): Promise<string> {
  const result = await build({
    entryPoints: [join(K6_SCRIPTS, file.replace(/\.js$/, '.ts'))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['k6', 'k6/*'],
    legalComments: 'none',
  });
  return result.outputFiles[0].text;
}

export async function generateOperatorSetUp(options: OperatorOptions, outDir: string): Promise<{ files: string[]; manifests: OperatorManifests }> {
  const manifests = operatorManifests(options, { script: await bundleK6Script(scriptFileOf(options.profile)), orders: readFileSync(K6_DATA_FILE, 'utf8') });
  mkdirSync(outDir, { recursive: true });
  const files = [join(outDir, 'configmap.yaml'), join(outDir, 'testrun.yaml')];
  writeFileSync(files[0], stringify(manifests.configMap, { lineWidth: 0 }));
  writeFileSync(files[1], stringify(manifests.testRun, { lineWidth: 0 }));
  return { files, manifests };
}

async function main(): Promise<number> {
  try {
    const { values } = parseArgs({
      options: { profile: { type: 'string' }, parallelism: { type: 'string' }, 'base-url': { type: 'string' }, name: { type: 'string' }, secret: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    });
    const profile = profileByName(values.profile ?? '');
    if (!profile) throw new RangeError(`--profile must be one of ${PROFILE_NAMES.join(', ')}`);
    if (!values['base-url']) throw new RangeError('--base-url is the target as the pods reach it, e.g. http://paycheck-mock.load.svc:4010');
    const { files } = await generateOperatorSetUp(
      { profile, parallelism: Number(values.parallelism ?? '4'), baseUrl: values['base-url'], name: values.name ?? `paycheck-${profile.name}`, secretName: values.secret ?? 'paycheck-app' },
      values.out ?? join('reports', 'k6-operator'),
    );
    for (const file of files) console.log(`wrote ${file}`);
    return 0;
  } catch (error) {
    console.error(`load:operator: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
