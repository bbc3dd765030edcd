/**
 * What the k6 test doubles record, and what drives them: the test sets `handler` (the mock
 * engine), `iterationInTest` and `onSleep` (to move the engine's clock), runs the script, then
 * reads the posts, checks, sleeps and metrics.
 */
import type { MockRequest, MockResponse } from '../../../../engine/index.ts';

export interface RecordedPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  tags: Record<string, string>;
  response: MockResponse;
  durationMs: number;
}

export interface RecordedCheck {
  name: string;
  ok: boolean;
}

export const k6State = {
  handler: undefined as ((request: MockRequest) => MockResponse | Promise<MockResponse>) | undefined,
  iterationInTest: 0,
  /** What `exec.test.options.executionSegment` gives (k6's --execution-segment). */
  executionSegment: undefined as string | undefined,
  /** What the http double gives as `timings.duration`, ms, for each post. */
  durationMs: (() => 0) as (post: { url: string; body: string }) => number,
  posts: [] as RecordedPost[],
  checks: [] as RecordedCheck[],
  /** Each `sleep()`, seconds. */
  sleeps: [] as number[],
  onSleep: undefined as ((seconds: number) => void) | undefined,
  /** Metric name → every value added, in order. */
  metrics: new Map<string, { type: 'counter' | 'rate' | 'trend'; values: number[] }>(),
  reset(): void {
    this.iterationInTest = 0;
    this.posts = [];
    this.checks = [];
    this.sleeps = [];
    for (const m of this.metrics.values()) m.values = [];
  },
};
