import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ROOT_ARN, activeKey, consoleUserRow, context, daysAgo, rootRow, withReportRows } from '../../src/testing/aws-iam-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...rows: Parameters<typeof withReportRows>[0]) => check.evaluate(withReportRows(rows).build(), context());

describe('aws-iam.root-not-used-recently', () => {
  it('passes when the report shows no root use at all (no_information password, N/A keys)', () => {
    const builder = withReportRows([rootRow(), consoleUserRow('alice')]);
    const findings = check.evaluate(builder.build(), context());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'pass', resource: { id: ROOT_ARN }, evidence: [builder.hashOf(AWS_IAM_KINDS.credentialReportRow, ROOT_ARN)] });
    expect(findings[0]?.reason).toMatch(/no recorded use/);
  });

  it('passes when the last root sign-in was 31 days ago, giving the date', () => {
    const [finding] = evaluate(rootRow({ password_last_used: daysAgo(31) }));
    expect(finding?.status).toBe('pass');
    expect(finding?.reason).toContain('31 days ago (2026-05-01)');
  });

  it('fails when root signed in 30 days ago (boundary) and names the credential', () => {
    const [finding] = evaluate(rootRow({ password_last_used: daysAgo(30) }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/signed in with its password 30 days ago/);
  });

  it('fails on recent use of a root access key, listing every recent use', () => {
    const [finding] = evaluate(rootRow({ password_last_used: daysAgo(2), ...activeKey(2, 300, 5) }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/password 2 days ago .* and used access key 2 5 days ago/);
  });

  it('answers unknown when the root row is missing or has an unreadable date', () => {
    expect(evaluate(consoleUserRow('alice'))[0]).toMatchObject({ status: 'unknown', resource: { id: ROOT_ARN } });
    const [finding] = evaluate(rootRow({ password_last_used: 'yesterday' }));
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain('password_last_used');
  });

  it('never answers not_applicable', () => {
    expect([evaluate(rootRow())[0]?.status, evaluate(rootRow({ password_last_used: daysAgo(1) }))[0]?.status]).not.toContain('not_applicable');
  });

  describeUnavailableEvidence(check, () => withReportRows([rootRow()]));
});
