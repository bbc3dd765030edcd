/**
 * Preflight at the CLI boundary: before a command touches a target it names, the target is asked
 * whether it can be used at all; one that cannot ends the command in seconds with one line and
 * exit 3 (src/kernel/errors.ts), never minutes of identical failures.
 */
import { preflight, type PreflightCause, type PreflightReport } from '../checks/preflight/preflight.ts';
import { PaycheckError, type HarnessErrorCode } from '../kernel/errors.ts';
import { appCredentialsFrom, signEncodingFrom, type Env } from '../kernel/settings.ts';

const CODE_OF_CAUSE: Readonly<Record<PreflightCause, HarnessErrorCode>> = {
  'invalid-url': 'PAYCHECK_BAD_URL',
  unreachable: 'PAYCHECK_TARGET_UNREACHABLE',
  'not-this-api': 'PAYCHECK_TARGET_NOT_API',
  'unknown-app': 'PAYCHECK_TARGET_REFUSED',
  'app-disabled': 'PAYCHECK_TARGET_REFUSED',
  'bad-signature': 'PAYCHECK_TARGET_REFUSED',
  'sign-encoding': 'PAYCHECK_TARGET_REFUSED',
};

/** The report for a target; nothing it sends can move money, so any host the user named is asked. */
export function preflightTarget(baseUrl: string, env: Env): Promise<PreflightReport> {
  return preflight({ baseUrl, app: appCredentialsFrom(env), encoding: signEncodingFrom(env), allowRemote: true });
}

/** The error a command ends with when its target cannot be used. */
function unusable(report: PreflightReport): PaycheckError {
  return new PaycheckError(CODE_OF_CAUSE[report.cause ?? 'unreachable'], report.message ?? 'the target cannot be used');
}

/** Preflights and throws when the target cannot be used; else the one line a run's banner says of it. */
export async function requireUsableTarget(baseUrl: string, env: Env): Promise<string> {
  const report = await preflightTarget(baseUrl, env);
  if (!report.usable) throw unusable(report);
  const traits = [`error codes ${report.dialect ?? 'not shown'}`, `mock controls ${report.controls ? 'yes' : 'no'}`];
  return `target ${report.target}, app ${report.appId}, sign encoding ${report.encoding} (${traits.join(', ')})`;
}
