/**
 * Test-only: a child's peak memory. Node flags that make the child write `maxRSS=<kB>` as the last
 * line of its stderr when it exits, and the reader of that line.
 */
const PRELOAD = "import{writeSync}from'node:fs';process.on('exit',()=>writeSync(2,'maxRSS='+process.resourceUsage().maxRSS+'\\n'))";

export const REPORT_MAX_RSS = ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`];

/** The child's peak RSS in MiB, from its stderr; throws when the line is missing (the child was killed). */
export function maxRssMib(stderr: string): number {
  const kb = /^maxRSS=(\d+)$/m.exec(stderr)?.[1];
  if (kb === undefined) throw new Error(`no maxRSS line in: ${stderr.slice(-200)}`);
  return Number(kb) / 1024;
}
