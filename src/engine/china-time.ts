/** Times as the platform's pages print them: `YYYY-MM-DD HH:mm:ss`, China Standard Time (UTC+8, D-43). */
const UTC8_MS = 8 * 3600_000;

export function chinaTime(ms: number): string {
  const iso = new Date(ms + UTC8_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
