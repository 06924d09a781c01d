import { describe, expect, it } from 'vitest';
import { ROOT_ARN, activeKey, consoleUserRow, context, daysAgo, reportRow, rootRow, userArn, withReportRows } from '../../src/testing/aws-iam-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...rows: Parameters<typeof withReportRows>[0]) => check.evaluate(withReportRows(rows).build(), context());
const one = (row: Parameters<typeof withReportRows>[0][number]) => evaluate(row)[0];

describe('aws-iam.credentials-unused-45d', () => {
  it('passes a password used exactly 45 days ago (boundary) and fails one used 46 days ago', () => {
    expect(one(consoleUserRow('alice', { password_last_used: daysAgo(45) }))?.status).toBe('pass');
    const stale = one(consoleUserRow('alice', { password_last_used: daysAgo(46) }));
    expect(stale?.status).toBe('fail');
    expect(stale?.reason).toBe('alice: console password was last used 46 days ago (2026-04-16); disable or remove credentials unused for more than 45 days.');
  });

  it('fails an active access key unused for 46 days and names the key', () => {
    const finding = one(reportRow('ci', activeKey(2, 60, 46)));
    expect(finding).toMatchObject({ status: 'fail', resource: { id: userArn('ci') } });
    expect(finding?.reason).toContain('access key 2 was last used 46 days ago');
  });

  it('measures a never-used credential from when it was created, so new users get the grace period', () => {
    expect(one(reportRow('new', activeKey(1, 10, null)))?.status).toBe('pass');
    const old = one(reportRow('old', activeKey(1, 100, null)));
    expect(old?.status).toBe('fail');
    expect(old?.reason).toContain('access key 1 has never been used since it was created 100 days ago');
    const neverSignedIn = one(consoleUserRow('pw', { password_last_used: 'no_information', password_last_changed: daysAgo(50) }));
    expect(neverSignedIn?.reason).toContain('console password has never been used since it was set 50 days ago');
  });

  it('ignores inactive keys and lists only the stale credentials when some are fresh', () => {
    const finding = one(consoleUserRow('mixed', { ...activeKey(1, 200, 90), access_key_2_active: 'false', access_key_2_last_used_date: daysAgo(400) }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('access key 1 was last used 90 days ago');
    expect(finding?.reason).not.toContain('console password');
    expect(finding?.reason).not.toContain('access key 2');
  });

  it('is not_applicable for users with neither a password nor an active key, and leaves root out', () => {
    const findings = evaluate(rootRow({ password_last_used: daysAgo(300) }), reportRow('idle', { access_key_1_active: 'false', access_key_1_last_rotated: daysAgo(500) }));
    expect(findings).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: userArn('idle') }) })]);
    expect(evaluate(rootRow())).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ROOT_ARN }) })]);
  });

  it('answers unknown when an active key has no date at all to measure from', () => {
    const finding = one(reportRow('ghost', { access_key_1_active: 'true', access_key_1_last_used_date: 'N/A', access_key_1_last_rotated: 'N/A' }));
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain('access_key_1_last_rotated');
  });

  it('answers unknown when the report lacks a needed column', () => {
    const row = consoleUserRow('alice');
    delete row.password_last_used;
    expect(one(row)?.status).toBe('unknown');
  });

  describeUnavailableEvidence(check, () => withReportRows([rootRow(), consoleUserRow('alice')]));
});
