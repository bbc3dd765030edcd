/**
 * `paycheck doctor [--base-url URL]`: the local set-up, then the target's preflight report, one
 * check a line. The same preflight gates `contracts`, `load` and `checkout`; here it is the answer.
 */
import { renderPreflight } from '../checks/preflight/preflight.ts';
import { EXIT } from '../kernel/errors.ts';
import { appCredentialsFrom, DEFAULT_BASE_URL, DEMO_APP, signEncodingFrom } from '../kernel/settings.ts';
import type { ParsedCommand } from './command.ts';
import type { DOCTOR } from './commands.ts';
import type { CliIo } from './io.ts';
import { preflightTarget } from './target-gate.ts';
import { setting } from './harness-error.ts';

const NODE_MAJORS = [20, 22, 24];

export async function runDoctor({ values }: ParsedCommand<typeof DOCTOR.options>, io: CliIo): Promise<number> {
  const major = Number(process.versions.node.split('.')[0]);
  io.out('local');
  io.out(`  ${NODE_MAJORS.includes(major) ? 'ok  ' : 'FAIL'} node      ${process.versions.node}${NODE_MAJORS.includes(major) ? '' : ` (paycheck runs on Node ${NODE_MAJORS.join(', ')})`}`);
  // Both read through the one settings module: a half-set pair or a bad encoding ends here, exit 2.
  const app = setting(() => appCredentialsFrom(io.env));
  const encoding = setting(() => signEncodingFrom(io.env));
  io.out(`  ok   app       ${app.appId}${app.appId === DEMO_APP.appId && !io.env.PAY_APP_ID ? " (the mock's demo application: PAY_APP_ID and PAY_APP_SECRET are unset)" : ' (PAY_APP_ID; the secret from PAY_APP_SECRET, not shown)'}`);
  io.out(`  ok   encoding  ${encoding}${io.env.PAY_SIGN_ENCODING ? ' (PAY_SIGN_ENCODING)' : ' (the default)'}`);
  const report = await preflightTarget(values['base-url'] ?? DEFAULT_BASE_URL, io.env);
  for (const line of renderPreflight(report)) io.out(line);
  return report.usable ? EXIT.ok : EXIT.target;
}
