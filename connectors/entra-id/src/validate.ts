import type { ValidateContext, ValidationResult, ValidationStep } from '@astrolabe/core';
import { ConnectorError } from '@astrolabe/core';
import type { GraphRequest } from '@microsoft/microsoft-graph-client';
import { describeGraphError, firstLine, isForbidden, isGraphError, isLicenceError } from './graph-errors';
import { openGraphSession, type GraphSession } from './graph-session';
import { ENTRA_PERMISSIONS, type EntraConfig, type EntraSecret } from './manifest';
import { readTenant } from './steps/tenant';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };
/** A group id no tenant has: asking for its members tells "may read memberships" (404) from "may not" (403). */
const NO_SUCH_GROUP = '00000000-0000-0000-0000-000000000000';

/** Gets a token, then tries each permission the kinds need with one cheap call each. */
export async function validateEntra(ctx: ValidateContext<EntraConfig, EntraSecret>): Promise<ValidationResult> {
  let session: GraphSession;
  try {
    session = await openGraphSession(ctx.config, ctx.secret, { signal: ctx.signal, logger: silent });
  } catch (err) {
    const hint = err instanceof ConnectorError && err.hint ? ` ${err.hint}` : '';
    return { ok: false, steps: [{ name: 'credentials', ok: false, message: `${firstLine(err)}${hint}` }] };
  }
  const steps: ValidationStep[] = [{ name: 'credentials', ok: true, message: `token issued for tenant ${session.tenantId}` }];
  try {
    const scope = await readTenant(session, silent);
    const probe = async (name: string, permission: string, request: (s: GraphSession) => GraphRequest, expectNotFound = false) => {
      try {
        await request(session).get();
        steps.push({ name, ok: true, message: 'readable' });
      } catch (err) {
        if (expectNotFound && isGraphError(err) && err.statusCode === 404) steps.push({ name, ok: true, message: 'readable' });
        else if (isLicenceError(err)) steps.push({ name, ok: false, message: `needs Microsoft Entra ID P1 or P2: ${describeGraphError(err)}` });
        else steps.push({ name, ok: false, message: describeGraphError(err), ...(isForbidden(err) && { missingPermission: permission }) });
      }
    };
    await probe('organization (optional)', ENTRA_PERMISSIONS.organization, (s) => s.client.api('/organization').select(['id']));
    await probe('users', ENTRA_PERMISSIONS.users, (s) => s.client.api('/users').select(['id']).top(1));
    await probe('sign-in activity', ENTRA_PERMISSIONS.auditLogs, (s) => s.client.api('/users').select(['id', 'signInActivity']).top(1));
    await probe('MFA registration report', ENTRA_PERMISSIONS.auditLogs, (s) => s.client.api('/reports/authenticationMethods/userRegistrationDetails').select(['id']).top(1));
    await probe('directory roles', ENTRA_PERMISSIONS.roleManagement, (s) => s.client.api('/roleManagement/directory/roleDefinitions').select(['id']));
    await probe('group memberships', ENTRA_PERMISSIONS.groupMembers, (s) => s.client.api(`/groups/${NO_SUCH_GROUP}/transitiveMembers`).select(['id']).top(1), true);
    await probe('Conditional Access policies', ENTRA_PERMISSIONS.policies, (s) => s.client.api('/identity/conditionalAccess/policies').select(['id']).top(1));
    await probe('security defaults', ENTRA_PERMISSIONS.policies, (s) => s.client.api('/policies/identitySecurityDefaultsEnforcementPolicy').select(['isEnabled']));
    // The tenant's name is a nicety: its absence does not make the connection invalid.
    return { ok: steps.every((s) => s.ok || s.name === 'organization (optional)'), scope, steps };
  } catch (err) {
    steps.push({ name: 'Microsoft Graph', ok: false, message: firstLine(err) });
    return { ok: false, steps };
  } finally {
    session.close();
  }
}
