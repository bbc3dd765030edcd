/**
 * The token `paycheck fuzz --replay` takes: which property, whether its requests were signed with
 * RSA too (that changes what the generators draw), fast-check's seed and path to the shrunk case,
 * and a stateful case's own replay path. One word, safe to paste into a shell:
 * `qrcode-signing~md5~1234567~31:0:2` or `stateful~rsa~-42~7:1:0~CBA:bcd`.
 */
export interface ReplayToken {
  property: string;
  rsa: boolean;
  seed: number;
  path: string;
  replayPath?: string;
}

const SHAPE = /^([a-z]+(?:-[a-z]+)*)~(rsa|md5)~(-?\d{1,10})~(\d+(?::\d+)*)(?:~([A-Za-z0-9+/:]*))?$/;

export function formatToken(t: ReplayToken): string {
  return [t.property, t.rsa ? 'rsa' : 'md5', t.seed, t.path, ...(t.replayPath === undefined ? [] : [t.replayPath])].join('~');
}

export function parseToken(text: string): ReplayToken {
  const m = SHAPE.exec(text.trim());
  if (!m) throw new RangeError(`--replay "${text}" is not a token paycheck fuzz printed (property~md5|rsa~seed~path[~replayPath])`);
  return { property: m[1], rsa: m[2] === 'rsa', seed: Number(m[3]), path: m[4], ...(m[5] === undefined ? {} : { replayPath: m[5] }) };
}
