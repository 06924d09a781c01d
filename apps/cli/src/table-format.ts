import { SEVERITIES, type CheckDefinition, type Finding, type FindingStatus } from '@astrolabe/core';

const MARK: Record<FindingStatus, string> = { fail: '✖', unknown: '?', pass: '✔', not_applicable: '–' };
const ORDER: FindingStatus[] = ['fail', 'unknown', 'pass', 'not_applicable'];

/**
 * Findings grouped by check, failing checks first. Failing and unknown resources are listed
 * with their reason; passing ones are counted, since the engineer's job is the failures.
 */
export function formatFindingsTable(checks: readonly CheckDefinition[], findings: readonly Finding[]): string {
  const lines: string[] = [];
  const byCheck = new Map<string, Finding[]>();
  for (const f of findings) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
  const worst = (id: string) => Math.min(...(byCheck.get(id) ?? []).map((f) => ORDER.indexOf(f.status)), ORDER.length);
  const severity = (c: CheckDefinition) => SEVERITIES.indexOf(c.metadata.severity);
  // Failing first, and among failures the most severe first: the order an engineer should fix them.
  const sorted = [...checks].sort((a, b) => worst(a.metadata.id) - worst(b.metadata.id) || severity(a) - severity(b) || a.metadata.id.localeCompare(b.metadata.id));
  const totals: Record<FindingStatus, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
  for (const check of sorted) {
    const fs = byCheck.get(check.metadata.id) ?? [];
    const counts: Record<FindingStatus, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
    for (const f of fs) {
      counts[f.status] += 1;
      totals[f.status] += 1;
    }
    const head = ORDER.find((s) => counts[s] > 0) ?? 'unknown';
    const summary = ORDER.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ');
    lines.push(`${MARK[head]} ${check.metadata.id}  [${check.metadata.severity}]  ${check.metadata.title}  (${summary || 'no findings'})`);
    for (const f of fs.filter((x) => x.status === 'fail' || x.status === 'unknown')) {
      lines.push(`    ${MARK[f.status]} ${f.resource.name}  ${f.resource.id}`);
      lines.push(`      ${f.reason}`);
    }
    if (head === 'fail') lines.push(`    fix: ${check.metadata.remediation.summary}`, `         ${check.metadata.remediation.cli.split('\n')[0]}`);
  }
  lines.push('', `${totals.fail} failing, ${totals.unknown} unknown, ${totals.pass} passing, ${totals.not_applicable} not applicable`);
  return `${lines.join('\n')}\n`;
}
