/** EAN-13 (platform-facts §4): weights 1,3,1,3… over the first 12 digits from the left. */

export function ean13CheckDigit(first12: string): number {
  if (!/^[0-9]{12}$/.test(first12)) throw new RangeError(`EAN-13 needs 12 digits before the check digit, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^[0-9]{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** GS1 prefixes assigned to China (platform-facts §4): 690–699, which its goods carry, and the rarer 680–681. */
export const CHINA_GS1_PREFIXES = ['680', '681', '690', '691', '692', '693', '694', '695', '696', '697', '698', '699'] as const;
