import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ROOT_ARN, consoleUserRow, context, daysAgo, reportRow, rootRow, userArn, withReportRows } from '../../src/testing/aws-iam-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...rows: Parameters<typeof withReportRows>[0]) => check.evaluate(withReportRows(rows).build(), context());

describe('aws-iam.console-user-mfa', () => {
  it('judges each user once by ARN and leaves the root row out (root MFA is CIS 1.4)', () => {
    const builder = withReportRows([rootRow({ mfa_active: 'false' }), consoleUserRow('alice'), consoleUserRow('bob', { mfa_active: 'false' }), reportRow('ci')]);
    const findings = check.evaluate(builder.build(), context());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userArn('alice'), 'pass'],
      [userArn('bob'), 'fail'],
      [userArn('ci'), 'not_applicable'],
    ]);
    expect(findings[0]).toMatchObject({ resource: { type: 'aws:iam:user', name: 'alice' }, evidence: [builder.hashOf(AWS_IAM_KINDS.credentialReportRow, userArn('alice'))] });
  });

  it('fails a console user without MFA and says when the password was last used', () => {
    const [finding] = evaluate(consoleUserRow('bob', { mfa_active: 'false', password_last_used: daysAgo(3) }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^bob can sign in to the console with a password, last used 3 days ago \(2026-05-29\), but has no MFA device/);
  });

  it('fails a never-used console password too (no_information)', () => {
    const [finding] = evaluate(consoleUserRow('new', { mfa_active: 'false', password_last_used: 'no_information' }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('never used so far');
  });

  it('is not_applicable for users without a console password, even without MFA', () => {
    const [finding] = evaluate(reportRow('ci-bot', { password_enabled: 'false', mfa_active: 'false' }));
    expect(finding).toMatchObject({ status: 'not_applicable', resource: { id: userArn('ci-bot') } });
  });

  it('is not_applicable on the account when only the root user exists', () => {
    expect(evaluate(rootRow())).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ROOT_ARN }) })]);
  });

  it('answers unknown on the account when the report has no rows at all (AWS always lists root)', () => {
    const [finding, ...rest] = evaluate();
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ status: 'unknown', resource: { id: ROOT_ARN } });
  });

  it('answers unknown for one user whose cells AWS did not fill, without affecting others', () => {
    const findings = evaluate(consoleUserRow('odd', { mfa_active: 'maybe' }), consoleUserRow('alice'));
    expect(findings.map((f) => f.status)).toEqual(['unknown', 'pass']);
    expect(findings[0]?.reason).toContain('mfa_active');
  });

  it('answers unknown for a malformed row, on that row\'s resource', () => {
    const builder = withReportRows([]).add(AWS_IAM_KINDS.credentialReportRow, userArn('broken'), { user: 'broken', mfa_active: true });
    expect(check.evaluate(builder.build(), context())).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ id: userArn('broken') }) })]);
  });

  describeUnavailableEvidence(check, () => withReportRows([rootRow(), consoleUserRow('alice')]));
});
