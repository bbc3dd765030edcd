/** The flowchart's steps, in order (seed README, "The flowchart, in words"). */
export const STEP_NAMES = ['presence', 'format', 'app', 'signature', 'order', 'discount', 'channel', 'result'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** Where a fault can fire: before the first step (`received`) or right after a named step. */
export const FAULT_POINTS = ['received', ...STEP_NAMES] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];
