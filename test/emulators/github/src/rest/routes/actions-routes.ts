import { DOCS } from '../http-error';
import { requireOrgAccess } from '../require-access';
import { orgFrom, type RestContext, type RestResult, type RestRoute } from '../rest-context';

const OWNER_MESSAGE = 'You must be an organization owner to access this resource.';

/** GET /orgs/{org}/actions/permissions: admin:org (classic) or organization administration (apps). */
function actionsPermissions(ctx: RestContext): RestResult {
  orgFrom(ctx, DOCS.actionsPermissions);
  requireOrgAccess(ctx, { scope: 'admin:org', permission: 'organization_administration', ownersOnly: true, ownerMessage: OWNER_MESSAGE, docs: DOCS.actionsPermissions });
  const a = ctx.model.org.settings.actions;
  const base = `${ctx.urls.api}/organizations/${ctx.model.org.id}/actions/permissions`;
  const body: Record<string, unknown> = { enabled_repositories: a.enabledRepositories };
  if (a.enabledRepositories === 'selected') body['selected_repositories_url'] = `${base}/repositories`;
  // With Actions disabled everywhere GitHub has no allowed-actions policy to report.
  if (a.enabledRepositories !== 'none') {
    body['allowed_actions'] = a.allowedActions;
    if (a.allowedActions === 'selected') body['selected_actions_url'] = `${base}/selected-actions`;
    body['sha_pinning_required'] = false;
  }
  return { body };
}

/** GET /orgs/{org}/actions/permissions/workflow: the GITHUB_TOKEN default and PR-approval switch. */
function workflowPermissions(ctx: RestContext): RestResult {
  orgFrom(ctx, DOCS.workflowPermissions);
  requireOrgAccess(ctx, { scope: 'admin:org', permission: 'organization_administration', ownersOnly: true, ownerMessage: OWNER_MESSAGE, docs: DOCS.workflowPermissions });
  const a = ctx.model.org.settings.actions;
  return { body: { default_workflow_permissions: a.defaultWorkflowPermissions, can_approve_pull_request_reviews: a.canApprovePullRequestReviews } };
}

export const ACTIONS_ROUTES: readonly RestRoute[] = [
  { method: 'GET', template: '/orgs/{org}/actions/permissions', acceptedScopes: 'admin:org', handler: actionsPermissions },
  { method: 'GET', template: '/organizations/{org_id}/actions/permissions', acceptedScopes: 'admin:org', handler: actionsPermissions },
  { method: 'GET', template: '/orgs/{org}/actions/permissions/workflow', acceptedScopes: 'admin:org', handler: workflowPermissions },
  { method: 'GET', template: '/organizations/{org_id}/actions/permissions/workflow', acceptedScopes: 'admin:org', handler: workflowPermissions },
];
