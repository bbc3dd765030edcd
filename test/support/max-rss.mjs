// Test-only preload (NODE_OPTIONS=--import): every Node process of a command under test writes its
// peak resident set size, in KiB, to a file of its own in PAYCHECK_TEST_RSS_DIR as it exits.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.PAYCHECK_TEST_RSS_DIR;
if (dir) process.on('exit', () => writeFileSync(join(dir, String(process.pid)), String(process.resourceUsage().maxRSS)));
