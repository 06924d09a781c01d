import { ENTRA_KINDS, entraUserResourceId, type CollectionError, type EntraMfaRegistration } from '@astrolabe/core';
import { z } from 'zod';
import { kindError } from '../graph-errors';
import { forEachPage } from '../graph-paging';
import type { GraphSession } from '../graph-session';
import { ENTRA_PERMISSIONS } from '../manifest';
import type { Emit } from './users';

const FIELDS = ['id', 'userPrincipalName', 'userType', 'isAdmin', 'isMfaRegistered', 'isMfaCapable', 'methodsRegistered', 'lastUpdatedDateTime'];

const registrationSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  userType: z.string().nullable().optional(),
  isAdmin: z.boolean().nullable().optional(),
  isMfaRegistered: z.boolean(),
  isMfaCapable: z.boolean(),
  methodsRegistered: z.array(z.string()).nullable().optional(),
  lastUpdatedDateTime: z.string().nullable().optional(),
});
type Registration = z.infer<typeof registrationSchema>;

function toEvidence(r: Registration): EntraMfaRegistration {
  return {
    id: r.id,
    userPrincipalName: r.userPrincipalName,
    userType: r.userType === 'member' || r.userType === 'guest' ? r.userType : null,
    isAdmin: r.isAdmin ?? null,
    isMfaRegistered: r.isMfaRegistered,
    isMfaCapable: r.isMfaCapable,
    methodsRegistered: r.methodsRegistered ?? [],
    lastUpdatedDateTime: r.lastUpdatedDateTime ?? null,
  };
}

/** GET /reports/authenticationMethods/userRegistrationDetails (AuditLog.Read.All; Entra ID P1/P2), paged. */
export async function collectMfaRegistration(session: GraphSession, emit: Emit, signal: AbortSignal): Promise<CollectionError | null> {
  try {
    const first = session.client.api('/reports/authenticationMethods/userRegistrationDetails').select(FIELDS).top(999);
    await forEachPage(session.client, first, registrationSchema, (page) => {
      for (const r of page) emit(ENTRA_KINDS.mfaRegistration, entraUserResourceId(r.id), toEvidence(r));
    }, signal);
    return null;
  } catch (err) {
    return kindError(err, 'reading the authentication methods registration report', ENTRA_PERMISSIONS.auditLogs);
  }
}
