/** Where GitHub's error bodies point; the emulator keeps the real addresses so messages read the same. */
export const DOCS = {
  rest: 'https://docs.github.com/rest',
  rateLimits: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  secondaryRateLimits: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  getOrg: 'https://docs.github.com/rest/orgs/orgs#get-an-organization',
  listMembers: 'https://docs.github.com/rest/orgs/members#list-organization-members',
  listOutsideCollaborators: 'https://docs.github.com/rest/orgs/outside-collaborators#list-outside-collaborators-for-an-organization',
  listOrgRepos: 'https://docs.github.com/rest/repos/repos#list-organization-repositories',
  getRepo: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  getUser: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  actionsPermissions: 'https://docs.github.com/rest/actions/permissions#get-github-actions-permissions-for-an-organization',
  workflowPermissions: 'https://docs.github.com/rest/actions/permissions#get-default-workflow-permissions-for-an-organization',
  createInstallationToken: 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app',
  getInstallation: 'https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app',
  graphql: 'https://docs.github.com/graphql',
  graphqlAuth: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
} as const;

/** An HTTP error in GitHub's shape: `{"message", "documentation_url", "status"}` plus any extra fields. */
export class GithubHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly documentationUrl: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { message: this.message, ...this.extra, documentation_url: this.documentationUrl, status: String(this.status) };
  }
}

export const httpErrors = {
  notFound: (docs: string = DOCS.rest) => new GithubHttpError(404, 'Not Found', docs),
  badCredentials: () => new GithubHttpError(401, 'Bad credentials', DOCS.rest),
  requiresAuthentication: (docs: string) => new GithubHttpError(401, 'Requires authentication', docs),
  /** What GitHub says to an app or fine-grained token missing a permission. */
  notAccessible: (kind: 'app' | 'fine-grained', docs: string) =>
    new GithubHttpError(403, kind === 'app' ? 'Resource not accessible by integration' : 'Resource not accessible by personal access token', docs),
  /** A classic token without the scope: 403 and the scope headers tell which one was needed. */
  missingScope: (accepted: string, docs: string) =>
    new GithubHttpError(403, `You need at least ${accepted.split(', ')[0]} scope or permission to access this resource.`, docs),
  forbidden: (message: string, docs: string) => new GithubHttpError(403, message, docs),
  unprocessable: (message: string, docs: string) => new GithubHttpError(422, message, docs),
  primaryRateLimit: (who: string) =>
    new GithubHttpError(
      403,
      `API rate limit exceeded for ${who}. If you reach out to GitHub Support for help, please include the request ID.`,
      DOCS.rateLimits,
    ),
  secondaryRateLimit: (retryAfterSeconds: number) =>
    new GithubHttpError(
      403,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
      DOCS.secondaryRateLimits,
      { 'retry-after': String(retryAfterSeconds) },
    ),
  serverError: (status: number) =>
    new GithubHttpError(status, status === 503 ? 'Service Unavailable' : status === 502 ? 'Server Error' : 'Internal Server Error', DOCS.rest),
  problemsParsingJson: (docs: string) => new GithubHttpError(400, 'Problems parsing JSON', docs),
};
