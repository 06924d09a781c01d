import { ENTRA_KINDS, defineCheck, entraUserSignInActivitySchema } from '@astrolabe/core';
import { userLabel } from '../../src/entra-id/resources';
import { judgeActivity } from '../../src/entra-id/sign-in';
import { byResourceId, evaluateUsers, joined, type UserJudgement } from '../../src/entra-id/users';
import { notApplicable } from '../../src/shared/verdict';
import metadata from './check.json';

const REMEDY = 'Confirm with their manager, then disable the account (Users → Edit properties → Account enabled: off) and revoke its sessions.';

// Member accounts; guests are entra.stale-guests' population.
export const check = defineCheck(metadata, (evidence, { scope, now }) => {
  const signIns = byResourceId(evidence, ENTRA_KINDS.userSignInActivity, entraUserSignInActivitySchema);
  return evaluateUsers(evidence, scope, { inScope: (u) => u.userType !== 'Guest', noneReason: `The tenant ${scope.name} has no member accounts.` }, (user, item): UserJudgement => {
    if (!user.accountEnabled) return { verdict: notApplicable(`${userLabel(user)} is disabled and cannot sign in.`), evidence: [] };
    const row = joined(signIns, user, item, `Graph returned no sign-in activity record for ${userLabel(user)}; it is judged at the next collection.`);
    if (!row.ok) return row.judgement;
    return { verdict: judgeActivity(user, row.data, now, REMEDY), evidence: [row.item] };
  });
});
