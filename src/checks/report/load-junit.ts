/** A JUnit XML report of a load run: one test case per threshold, the text summary as output. */
import { type LoadSummary } from './load-summary.ts';
import { formatMetricValue, interruptionText, renderTextSummary } from './load-text.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** XML attribute/text escaping; characters XML 1.0 cannot carry are dropped. */
export function xmlEscape(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function renderJUnit(s: LoadSummary): string {
  const failures = s.thresholds.filter((t) => !t.ok).length;
  const suite = `load.${s.scenario}`;
  const cases = s.thresholds.map((t) => {
    const open = `    <testcase classname="${xmlEscape(suite)}" name="${xmlEscape(t.name)}" time="0">`;
    if (t.ok) return `${open}</testcase>`;
    const message = `${t.name} failed: actual ${formatMetricValue(t.metric, t.actual)}`;
    return `${open}\n      <failure type="threshold" message="${xmlEscape(message)}"/>\n    </testcase>`;
  });
  // An interrupted run is one error more, so that CI reading only the JUnit file does not take the part for the run.
  const errors = s.interrupted ? 1 : 0;
  if (s.interrupted) {
    const message = `interrupted by ${s.interrupted.signal}: ${interruptionText(s)}; the thresholds were judged on that part only`;
    cases.push(`    <testcase classname="${xmlEscape(suite)}" name="the whole run" time="0">\n      <error type="interrupted" message="${xmlEscape(message)}"/>\n    </testcase>`);
  }
  const tests = cases.length;
  const time = s.durationS.toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="paycheck load" tests="${tests}" failures="${failures}" errors="${errors}" time="${time}">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${time}" timestamp="${xmlEscape(s.startedAt)}">`,
    '    <properties>',
    `      <property name="tool" value="${xmlEscape(s.tool)}"/>`,
    `      <property name="target" value="${xmlEscape(s.target)}"/>`,
    ...(s.interrupted ? [`      <property name="interrupted" value="${xmlEscape(s.interrupted.signal)}"/>`] : []),
    '    </properties>',
    ...cases,
    `    <system-out>${xmlEscape(renderTextSummary(s))}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
