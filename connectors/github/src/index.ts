import { defineConnector } from '@astrolabe/core';
import { collectGithub } from './collect';
import { githubManifest, type GithubConfig, type GithubSecret } from './manifest';
import { validateGithub } from './validate';

export const githubConnector = defineConnector<GithubConfig, GithubSecret>({
  ...githubManifest,
  collect: collectGithub,
  validate: validateGithub,
});

export { githubManifest, GITHUB_PERMISSIONS, type GithubConfig, type GithubSecret } from './manifest';
