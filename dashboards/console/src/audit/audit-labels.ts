import type { AuditAction, AuditOutcome } from '@astrolabe/api-contract';

/** Every action the server records, with how a person reads it. Typed against the contract: a new action fails to compile until it is named here. */
export const AUDIT_ACTION_LABEL: Record<AuditAction, string> = {
  // What a person attempted (the outcome column says whether it happened) …
  'workspace.create': 'Create workspace',
  'member.create': 'Add member',
  'member.update': 'Change member role or access',
  'connection.create': 'Add connection',
  'connection.update': 'Change connection',
  'connection.validate': 'Validate connection',
  'run.request': 'Run now',
  'control.create': 'Add control',
  'control.update': 'Change control',
  'evidence.upload': 'Upload evidence',
  'framework.update': 'Enable / disable framework',
  'requirement.scope': 'Set requirement scope',
  'mapping.create': 'Map control',
  'mapping.delete': 'Remove mapping',
  'exception.request': 'Request exception',
  'exception.approve': 'Approve exception',
  'exception.reject': 'Reject exception',
  'exception.revoke': 'Revoke exception',
  'settings.sla.update': 'Change SLAs',
  'auth.login': 'Sign in',
  'auth.demo_login': 'Sign in as demo persona',
  'auth.logout': 'Sign out',
  'auth.logout_all': 'Sign out everywhere',
  'invitation.create': 'Invite',
  'invitation.revoke': 'Revoke invitation',
  'invitation.accept': 'Accept invitation',
  'token.create': 'Create API token',
  'token.revoke': 'Revoke API token',
  'sso.update': 'Configure single sign-on',
  'sso.delete': 'Turn off single sign-on',
  // … and what the system did.
  'run.finish': 'Run finished',
  'exception.expire': 'Exception expired',
};

/** Groups for the action filter: "every exception action" is `exception.*` on the server. */
export const AUDIT_ACTION_GROUPS: { prefix: string; label: string }[] = [
  { prefix: 'exception.*', label: 'Any exception action' },
  { prefix: 'member.*', label: 'Any member action' },
  { prefix: 'connection.*', label: 'Any connection action' },
  { prefix: 'run.*', label: 'Any run action' },
  { prefix: 'control.*', label: 'Any control action' },
  { prefix: 'auth.*', label: 'Any sign-in action' },
  { prefix: 'invitation.*', label: 'Any invitation action' },
  { prefix: 'token.*', label: 'Any API token action' },
];

export function actionLabel(action: string): string {
  return (AUDIT_ACTION_LABEL as Record<string, string | undefined>)[action] ?? action;
}

export const AUDIT_OUTCOME_LABEL: Record<AuditOutcome, string> = { success: 'Success', denied: 'Denied', failed: 'Failed' };
