import { ENTRA_KINDS, defineCheck, entraMfaRegistrationSchema, type EntraMfaRegistration, type EntraUser } from '@astrolabe/core';
import { userLabel } from '../../src/entra-id/resources';
import { byResourceId, evaluateUsers, joined, type UserJudgement } from '../../src/entra-id/users';
import { fail, notApplicable, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

// Enabled and disabled members; guests register in their home tenant and are not this check's population.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const rows = byResourceId(evidence, ENTRA_KINDS.mfaRegistration, entraMfaRegistrationSchema);
  return evaluateUsers(evidence, scope, { inScope: (u) => u.userType !== 'Guest', noneReason: `The tenant ${scope.name} has no member accounts.` }, (user, item): UserJudgement => {
    if (!user.accountEnabled) return { verdict: notApplicable(`${userLabel(user)} is disabled and cannot sign in.`), evidence: [] };
    const row = joined(
      rows,
      user,
      item,
      `${userLabel(user)} is not in the authentication methods registration report yet (Entra ID refreshes it within hours of a change); it is judged at the next collection.`,
    );
    if (!row.ok) return row.judgement;
    return { verdict: judge(user, row.data), evidence: [row.item] };
  });
});

function judge(user: EntraUser, r: EntraMfaRegistration): Verdict {
  const who = `${userLabel(user)}${r.isAdmin ? ' (an administrator)' : ''}`;
  const methods = r.methodsRegistered.length > 0 ? r.methodsRegistered.join(', ') : 'none';
  if (r.isMfaRegistered && r.isMfaCapable) return pass(`${who} can complete MFA (registered: ${methods}).`);
  if (!r.isMfaRegistered) {
    return fail(
      `${who} has no MFA method registered (registered: ${methods}), so an MFA prompt would ask whoever signs in with the password to register one. Have them register at https://aka.ms/mysecurityinfo, or issue a Temporary Access Pass for a supervised registration.`,
    );
  }
  return fail(
    `${who} registered only methods the authentication methods policy does not allow (${methods}), so they cannot complete MFA. Have them register an allowed method such as Microsoft Authenticator or a passkey, or enable the method in Authentication methods → Policies.`,
  );
}
