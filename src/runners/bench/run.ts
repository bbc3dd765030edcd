/** `npm run bench -- <mock|load|all> [options]`: one entry for the benchmarks beside the code. */
import { spawnSync } from 'node:child_process';

const BENCHES = { mock: 'src/runners/bench/mock.bench.ts', load: 'src/runners/bench/load.bench.ts', proxy: 'src/runners/bench/proxy.bench.ts' } as const;
const [name = 'all', ...rest] = process.argv.slice(2);
const chosen = name === 'all' ? Object.values(BENCHES) : [BENCHES[name as keyof typeof BENCHES]].filter(Boolean);
if (chosen.length === 0) {
  console.error(`bench: unknown benchmark "${name}"; choose ${Object.keys(BENCHES).join(', ')} or all`);
  process.exit(2);
}
for (const file of chosen) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...rest], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
