import { describe, expect, it } from 'vitest';
import { activeKey, consoleUserRow, context, reportRow, rootRow, userArn, withReportRows } from '../../src/testing/aws-iam-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const one = (row: Parameters<typeof withReportRows>[0][number]) => check.evaluate(withReportRows([rootRow(), row]).build(), context());

describe('aws-iam.access-keys-rotated-90d', () => {
  it('passes a key rotated exactly 90 days ago (boundary)', () => {
    const findings = one(reportRow('ci', activeKey(1, 90)));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'pass', resource: { id: userArn('ci'), type: 'aws:iam:user' } });
  });

  it('fails a key rotated 91 days ago with the age, date and the 90-day rule', () => {
    const [finding] = one(reportRow('ci', activeKey(1, 91)));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toBe('Access key 1 (active) was last rotated 91 days ago (2026-03-02); rotate keys within 90 days.');
  });

  it('names only the overdue key when the other is fresh', () => {
    const [finding] = one(reportRow('ci', { ...activeKey(1, 10), ...activeKey(2, 212) }));
    expect(finding?.reason).toMatch(/^Access key 2 \(active\) was last rotated 212 days ago/);
    expect(finding?.reason).not.toContain('key 1');
  });

  it('ignores inactive keys, so a user with only old inactive keys is not_applicable', () => {
    const [finding] = one(reportRow('old', { ...activeKey(1, 400), access_key_1_active: 'false' }));
    expect(finding).toMatchObject({ status: 'not_applicable', resource: { id: userArn('old') } });
    expect(one(consoleUserRow('human'))[0]?.status).toBe('not_applicable');
  });

  it('leaves the root row out', () => {
    const findings = check.evaluate(withReportRows([rootRow(activeKey(1, 900)), reportRow('ci', activeKey(1, 5))]).build(), context());
    expect(findings.map((f) => f.resource.id)).toEqual([userArn('ci')]);
  });

  it('answers unknown when an active key has N/A as its rotation date', () => {
    const [finding] = one(reportRow('ghost', { ...activeKey(1, 5), access_key_1_last_rotated: 'N/A' }));
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain('access_key_1_last_rotated');
  });

  describeUnavailableEvidence(check, () => withReportRows([rootRow(), reportRow('ci', activeKey(1, 5))]));
});
