import { describe, expect, it } from 'vitest';
import { loggableUrl } from './logger';

describe('loggableUrl', () => {
  it('replaces credential-carrying query values and keeps everything else', () => {
    expect(loggableUrl('/api/v1/invitations/preview?token=abc123')).toBe('/api/v1/invitations/preview?token=%5Bredacted%5D');
    expect(loggableUrl('/api/v1/auth/sso/callback?code=c0de&state=s7&iss=https%3A%2F%2Fidp')).toBe('/api/v1/auth/sso/callback?code=%5Bredacted%5D&state=%5Bredacted%5D&iss=https%3A%2F%2Fidp');
    expect(loggableUrl('/api/v1/workspaces/w/findings?status=fail&limit=50')).toBe('/api/v1/workspaces/w/findings?status=fail&limit=50');
    expect(loggableUrl('/api/v1/health')).toBe('/api/v1/health');
  });
});
