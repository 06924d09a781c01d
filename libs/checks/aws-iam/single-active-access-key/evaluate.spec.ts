import { describe, expect, it } from 'vitest';
import { ROOT_ARN, activeKey, consoleUserRow, context, reportRow, rootRow, userArn, withReportRows } from '../../src/testing/aws-iam-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...rows: Parameters<typeof withReportRows>[0]) => check.evaluate(withReportRows(rows).build(), context());

describe('aws-iam.single-active-access-key', () => {
  it('passes one active key, fails two, is not_applicable for none — per user', () => {
    const findings = evaluate(
      reportRow('one', activeKey(2, 10)),
      reportRow('two', { ...activeKey(1, 10, 2), ...activeKey(2, 300, null) }),
      consoleUserRow('none'),
    );
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userArn('one'), 'pass'],
      [userArn('two'), 'fail'],
      [userArn('none'), 'not_applicable'],
    ]);
    expect(findings[0]?.reason).toContain('key 2');
  });

  it('says which of the two keys is in use so the engineer knows which to retire', () => {
    const [finding] = evaluate(reportRow('two', { ...activeKey(1, 10, 2), ...activeKey(2, 300, null) }));
    expect(finding?.reason).toMatch(/2 active access keys: key 1 last used 2 days ago \(2026-05-30\) and key 2 never used\. Keep one/);
  });

  it('counts an inactive second key as fine', () => {
    expect(evaluate(reportRow('rotating', { ...activeKey(1, 5), ...activeKey(2, 95), access_key_2_active: 'false' }))[0]?.status).toBe('pass');
  });

  it('leaves the root row out (root keys are CIS 1.3)', () => {
    expect(evaluate(rootRow({ ...activeKey(1, 10), ...activeKey(2, 10) }))).toEqual([
      expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ROOT_ARN }) }),
    ]);
  });

  it('answers unknown when the active flag is not true/false', () => {
    expect(evaluate(reportRow('odd', { access_key_1_active: 'N/A' }))[0]?.status).toBe('unknown');
  });

  describeUnavailableEvidence(check, () => withReportRows([rootRow(), reportRow('one', activeKey(1, 10))]));
});
