import { describe, expect, it } from 'vitest';
import { GITHUB_ACCESS, notReported } from './access';

describe('notReported', () => {
  it('is unknown, says what GitHub withheld and who may see it, and asks for a new collection', () => {
    const verdict = notReported('whether X is on', GITHUB_ACCESS.securityAndAnalysis);
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toMatch(/^GitHub did not report whether X is on\. GitHub shows a repository's security and analysis settings only to/);
    expect(verdict.reason).toMatch(/, then re-run the collection\.$/);
  });

  it('names a concrete permission for every hidden setting', () => {
    for (const access of Object.values(GITHUB_ACCESS)) expect(access).toMatch(/admin:org|read:org|Administration: read/);
  });
});
