/** Test double for `k6/data`: SharedArray runs its callback once and is the array it returns. */
export const SharedArray = function SharedArray<T>(_name: string, make: () => T[]): T[] {
  return make();
} as unknown as new <T>(name: string, make: () => T[]) => T[];
