import { defineCheck, type GithubMember } from '@astrolabe/core';
import { GITHUB_ACCESS, notReported } from '../../src/github/access';
import { evaluateMembers } from '../../src/github/people';
import { fail, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => evaluateMembers(evidence, scope, (m) => judge(m, scope.name)));

function judge(member: GithubMember, org: string): Verdict {
  const who = member.role === 'admin' ? `${member.login} (an owner of ${org})` : `${member.login} (a member of ${org})`;
  if (member.twoFactorEnabled === null) return notReported(`whether ${who} has two-factor authentication enabled`, GITHUB_ACCESS.memberTwoFactor);
  if (member.twoFactorEnabled) return pass(`${who} has two-factor authentication enabled.`);
  return fail(
    `${who} has no two-factor authentication, so their password alone opens the organization's repositories${member.role === 'admin' ? ' and every organization setting' : ''}. Ask them to enable 2FA (Settings → Password and authentication), or remove them from the organization if they no longer need access.`,
  );
}
