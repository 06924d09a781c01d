import { defineCheck } from '@astrolabe/core';
import { dateCell, findRootRow, unreadableCell } from '../../src/aws-iam/credential-report';
import { ageOf, daysSince } from '../../src/shared/dates';
import { fail, listPhrase, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

/**
 * CIS 1.6 gives no number of days. 30 is long enough that a weekly or monthly review of failing
 * checks sees every root use (and can grant a time-boxed exception for a root-only task), short
 * enough that one legitimate use does not keep the account red for a quarter.
 */
export const ROOT_RECENT_USE_DAYS = 30;

const ROOT_CREDENTIAL_USES = [
  { column: 'password_last_used', action: 'signed in with its password', via: 'a password sign-in' },
  { column: 'access_key_1_last_used_date', action: 'used access key 1', via: 'access key 1' },
  { column: 'access_key_2_last_used_date', action: 'used access key 2', via: 'access key 2' },
] as const;

export const check = defineCheck(metadata, (evidence, { now, scope }) => {
  const root = findRootRow(evidence);
  if (!root.ok) return [toFinding(scope, unknown(root.reason), root.evidence)];
  const hashes = [root.row.item.hash];

  const uses: { action: string; via: string; date: Date }[] = [];
  for (const { column, action, via } of ROOT_CREDENTIAL_USES) {
    const cell = dateCell(root.row, column);
    if (!cell.ok) return [toFinding(scope, unreadableCell(cell.problem), hashes)];
    // N/A or no_information: this credential has no recorded use.
    if (cell.value) uses.push({ action, via, date: cell.value });
  }

  const recent = uses.filter((u) => daysSince(u.date, now) <= ROOT_RECENT_USE_DAYS);
  if (recent.length > 0) {
    const what = listPhrase(recent.map((u) => `${u.action} ${ageOf(u.date, now)}`));
    return [
      toFinding(
        scope,
        fail(
          `The root user ${what}. Check CloudTrail (User name = root) for what was done; if it was not a root-only task, move that work to an IAM role and rotate the root password.`,
        ),
        hashes,
      ),
    ];
  }

  const latest = [...uses].sort((a, b) => b.date.getTime() - a.date.getTime())[0];
  const verdict = latest
    ? pass(`The root user was last used ${ageOf(latest.date, now)} through ${latest.via}; nothing in the last ${ROOT_RECENT_USE_DAYS} days.`)
    : pass('The credential report shows no recorded use of the root password or root access keys.');
  return [toFinding(scope, verdict, hashes)];
});
