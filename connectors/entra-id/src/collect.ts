import { ENTRA_KINDS, type CollectContext, type CollectionError } from '@astrolabe/core';
import { openGraphSession } from './graph-session';
import type { EntraConfig, EntraSecret } from './manifest';
import { collectDirectoryRoles } from './steps/directory-roles';
import { collectMfaRegistration } from './steps/mfa-registration';
import { collectConditionalAccess, collectSecurityDefaults } from './steps/policies';
import { readTenant } from './steps/tenant';
import { collectUsers } from './steps/users';

/**
 * One tenant snapshot. Credentials and Graph's reachability are checked first (fatal); then the
 * kinds are read side by side, each failing on its own with the permission or licence it lacks,
 * so only the checks reading it turn unknown.
 */
export async function collectEntra(ctx: CollectContext<EntraConfig, EntraSecret>): Promise<void> {
  const session = await openGraphSession(ctx.config, ctx.secret, { signal: ctx.signal, logger: ctx.logger });
  const emit = (kind: string, id: string, data: unknown) => ctx.emit(kind, id, data);
  const fail = (kind: string, error: CollectionError | null) => {
    if (error) ctx.fail(kind, error);
  };
  const steps = 5;
  let done = 0;
  const finished = (what: string) => ctx.progress(++done, steps, what);
  try {
    ctx.identify(await readTenant(session, ctx.logger));
    await Promise.all([
      collectUsers(session, emit, ctx.signal).then((r) => {
        fail(ENTRA_KINDS.user, r.users);
        fail(ENTRA_KINDS.userSignInActivity, r.signInActivity);
        finished(`${r.count} users`);
      }),
      collectMfaRegistration(session, emit, ctx.signal).then((e) => {
        fail(ENTRA_KINDS.mfaRegistration, e);
        finished('MFA registration');
      }),
      collectDirectoryRoles(session, emit, ctx.signal).then((e) => {
        fail(ENTRA_KINDS.directoryRoleAssignment, e);
        finished('directory roles');
      }),
      collectConditionalAccess(session, emit, ctx.signal).then((e) => {
        fail(ENTRA_KINDS.conditionalAccessPolicy, e);
        finished('Conditional Access');
      }),
      collectSecurityDefaults(session, emit).then((e) => {
        fail(ENTRA_KINDS.securityDefaults, e);
        finished('security defaults');
      }),
    ]);
  } finally {
    ctx.usage(session.usage.report());
    session.close();
  }
}
