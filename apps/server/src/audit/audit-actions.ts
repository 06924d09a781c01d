import type { AuditAction } from '@astrolabe/api-contract';

/** How one mutating route is written to the audit log. */
export interface RouteAudit {
  action: AuditAction | `http.${string}`;
  targetType: string;
  /** Route params whose values, joined by "/", identify the target. */
  targetParams?: readonly string[];
  /** A creation: the target id is this field of the handler's result… */
  targetFromResult?: string;
  /** …or, when the creation failed, this field of the body (the id that was asked for). */
  targetFromBody?: string;
  /**
   * Body fields recorded as they were sent, when they are scalars: ids, roles, states, dates,
   * booleans. Never free text (reasons, notes, justifications), never names, never secrets.
   */
  bodyFields?: readonly string[];
  /** Record the names (never the values) of the body fields sent: what an update touched. */
  changedFields?: boolean;
  /** Body fields that are short lists of identifiers (e.g. email domains), recorded as sent; never free text. */
  listFields?: readonly string[];
  /** Scalar fields of the handler's result, as detail key → result field (the new state, a run id). */
  resultFields?: Readonly<Record<string, string>>;
  /** Route params recorded in details besides the target. */
  paramFields?: readonly string[];
}

/**
 * Every mutating route, by `Controller.handler`, with its readable action name. A route missing
 * here is still recorded (as http.<controller>.<handler>); audit-actions.spec.ts keeps the table
 * complete.
 */
export const ROUTE_AUDIT: Readonly<Record<string, RouteAudit>> = {
  'WorkspacesController.create': { action: 'workspace.create', targetType: 'workspace', targetFromResult: 'id', bodyFields: ['slug'] },
  'MembersController.create': { action: 'member.create', targetType: 'member', targetFromResult: 'id', bodyFields: ['role'] },
  'MembersController.update': { action: 'member.update', targetType: 'member', targetParams: ['id'], bodyFields: ['role', 'accessStartsAt', 'accessEndsAt'] },
  'ConnectionsController.create': { action: 'connection.create', targetType: 'connection', targetFromResult: 'id', bodyFields: ['connectorId', 'schedule', 'enabled'] },
  // Which settings changed (e.g. "secret"), never their values.
  'ConnectionsController.update': { action: 'connection.update', targetType: 'connection', targetParams: ['id'], changedFields: true, bodyFields: ['schedule', 'enabled'] },
  'ConnectionsController.validate': { action: 'connection.validate', targetType: 'connection', targetParams: ['id'], resultFields: { ok: 'ok' } },
  'ConnectionsController.runNow': { action: 'run.request', targetType: 'connection', targetParams: ['id'], resultFields: { runId: 'id', state: 'state' } },
  'ControlsController.create': { action: 'control.create', targetType: 'control', targetFromResult: 'id', targetFromBody: 'id', bodyFields: ['category', 'ownerId'] },
  'ControlsController.update': { action: 'control.update', targetType: 'control', targetParams: ['controlId'], bodyFields: ['ownerId', 'trustLabel'] },
  'ManualEvidenceController.add': {
    action: 'evidence.upload',
    targetType: 'control',
    targetParams: ['controlId'],
    bodyFields: ['requirementId', 'effectiveOn', 'reviewerId'],
    resultFields: { evidenceId: 'id', kind: 'kind', sha256: 'sha256' },
  },
  'FrameworksController.update': { action: 'framework.update', targetType: 'framework', targetParams: ['frameworkId'], bodyFields: ['enabled'] },
  'FrameworksController.setScope': { action: 'requirement.scope', targetType: 'requirement', targetParams: ['frameworkId', 'requirementId'], bodyFields: ['inScope'] },
  'FrameworksController.map': { action: 'mapping.create', targetType: 'requirement', targetParams: ['frameworkId', 'requirementId'], bodyFields: ['controlId'] },
  'FrameworksController.unmap': { action: 'mapping.delete', targetType: 'requirement', targetParams: ['frameworkId', 'requirementId'], paramFields: ['controlId'] },
  'ExceptionsController.request': {
    action: 'exception.request',
    targetType: 'exception',
    targetFromResult: 'id',
    bodyFields: ['scope', 'controlId', 'checkId', 'resourceId', 'expiresAt'],
    resultFields: { state: 'state' },
  },
  'ExceptionsController.approve': { action: 'exception.approve', targetType: 'exception', targetParams: ['id'], resultFields: { state: 'state' } },
  'ExceptionsController.reject': { action: 'exception.reject', targetType: 'exception', targetParams: ['id'], resultFields: { state: 'state' } },
  'ExceptionsController.revoke': { action: 'exception.revoke', targetType: 'exception', targetParams: ['id'], resultFields: { state: 'state' } },
  // Sign-in: the email tried (never the password), so failed attempts on an account can be found.
  'AuthController.login': { action: 'auth.login', targetType: 'user', targetFromBody: 'email' },
  'AuthController.demo': { action: 'auth.demo_login', targetType: 'member', targetFromBody: 'memberId' },
  'AuthController.logout': { action: 'auth.logout', targetType: 'session' },
  'AuthController.logoutAll': { action: 'auth.logout_all', targetType: 'session', resultFields: { ended: 'ended' } },
  'InvitationsController.create': { action: 'invitation.create', targetType: 'invitation', targetFromResult: 'id', bodyFields: ['email', 'role', 'accessStartsAt', 'accessEndsAt'] },
  'InvitationsController.revoke': { action: 'invitation.revoke', targetType: 'invitation', targetParams: ['id'] },
  'InvitationAcceptController.accept': { action: 'invitation.accept', targetType: 'invitation' },
  'ApiTokensController.create': { action: 'token.create', targetType: 'token', targetFromResult: 'id', bodyFields: ['role', 'expiresAt'] },
  'ApiTokensController.revoke': { action: 'token.revoke', targetType: 'token', targetParams: ['id'] },
  // Which settings changed (e.g. "clientSecret", by name only) and the domains now routed here.
  'SsoController.update': { action: 'sso.update', targetType: 'workspace', targetParams: ['ws'], changedFields: true, bodyFields: ['issuer', 'clientId', 'defaultRole'], listFields: ['domains'] },
  'SsoController.remove': { action: 'sso.delete', targetType: 'workspace', targetParams: ['ws'] },
  'WorkController.setSla': { action: 'settings.sla.update', targetType: 'workspace', targetParams: ['ws'], bodyFields: ['critical', 'high', 'medium', 'low', 'info'] },
};

/** The audit description of a handler; unknown ones get a generic, still filterable, action. */
export function routeAudit(controller: string, handler: string): RouteAudit {
  const known = ROUTE_AUDIT[`${controller}.${handler}`];
  if (known) return known;
  const name = controller.replace(/Controller$/, '').toLowerCase();
  return { action: `http.${name}.${handler.toLowerCase()}`, targetType: name, targetParams: ['id'] };
}
