import { githubOrgResourceId, githubRepoResourceId, githubUserResourceId, type ResourceRef } from '@astrolabe/core';

/** Resource types of github findings; the console groups and filters by them. */
export const GITHUB_RESOURCE_TYPES = {
  organization: 'github:organization',
  user: 'github:user',
  repository: 'github:repository',
} as const;

export function orgRef(login: string): ResourceRef {
  return { id: githubOrgResourceId(login), type: GITHUB_RESOURCE_TYPES.organization, name: login };
}

export function userRef(login: string): ResourceRef {
  return { id: githubUserResourceId(login), type: GITHUB_RESOURCE_TYPES.user, name: login };
}

export function repoRef(nameWithOwner: string): ResourceRef {
  return { id: githubRepoResourceId(nameWithOwner), type: GITHUB_RESOURCE_TYPES.repository, name: nameWithOwner };
}

/**
 * The name a github resource id carries (`github:repo/acme/api` → `acme/api`), for findings about
 * an item whose data could not be read: the finding still lands on the right resource.
 */
export function nameFromResourceId(resourceId: string): string {
  const match = /^github:[a-z]+\/(.+)$/.exec(resourceId);
  return match?.[1] ?? resourceId;
}

/** The ref of an evidence item's resource when only its id is known. */
export function refFromResourceId(resourceId: string, type: string): ResourceRef {
  return { id: resourceId, type, name: nameFromResourceId(resourceId) };
}
