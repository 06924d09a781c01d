import { describe, expect, it } from 'vitest';
import { GITHUB_RESOURCE_TYPES, nameFromResourceId, orgRef, refFromResourceId, repoRef, userRef } from './resources';

describe('github resources', () => {
  it('builds refs with the connector\'s resource ids and readable names', () => {
    expect(orgRef('acme')).toEqual({ id: 'github:org/acme', type: 'github:organization', name: 'acme' });
    expect(userRef('octocat')).toEqual({ id: 'github:user/octocat', type: 'github:user', name: 'octocat' });
    expect(repoRef('acme/api')).toEqual({ id: 'github:repo/acme/api', type: 'github:repository', name: 'acme/api' });
  });

  it('recovers the name from a resource id, keeping slashes of repository names', () => {
    expect(nameFromResourceId('github:repo/acme/api')).toBe('acme/api');
    expect(nameFromResourceId('github:user/octocat')).toBe('octocat');
    expect(nameFromResourceId('not-a-github-id')).toBe('not-a-github-id');
  });

  it('refs an unreadable item by its resource id', () => {
    expect(refFromResourceId('github:repo/acme/broken', GITHUB_RESOURCE_TYPES.repository)).toEqual({ id: 'github:repo/acme/broken', type: 'github:repository', name: 'acme/broken' });
  });
});
