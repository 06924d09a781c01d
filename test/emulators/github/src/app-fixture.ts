import { generateKeyPairSync } from 'node:crypto';
import type { PermissionLevel, ScenarioAppInput } from './scenario-schema';

/** What the demo App may read: the same as the demo scenario's `astrolabe-acme` app token. */
export const DEMO_APP_PERMISSIONS: Readonly<Record<string, PermissionLevel>> = {
  metadata: 'read',
  administration: 'read',
  members: 'read',
  organization_administration: 'read',
};

export interface GithubAppFixture {
  readonly appId: number;
  readonly installationId: number;
  /** PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), the format GitHub hands out: what a connection's secret holds. */
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  /** For `startGithubEmulator({ apps: [fixture.app] })`: the public key only. */
  readonly app: ScenarioAppInput;
}

export interface GithubAppFixtureOptions {
  appId?: number;
  installationId?: number;
  slug?: string;
  permissions?: Readonly<Record<string, PermissionLevel>>;
}

/**
 * A GitHub App with a fresh RSA key pair, installed on the scenario's organization. Generated at
 * test time so that no private key is ever committed.
 */
export function generateGithubAppFixture(options: GithubAppFixtureOptions = {}): GithubAppFixture {
  const appId = options.appId ?? 424242;
  const installationId = options.installationId ?? 51515151;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    appId,
    installationId,
    privateKeyPem: privateKey,
    publicKeyPem: publicKey,
    app: {
      appId,
      slug: options.slug ?? 'astrolabe-acme',
      name: 'Astrolabe',
      publicKeyPem: publicKey,
      installations: [{ id: installationId, permissions: { ...(options.permissions ?? DEMO_APP_PERMISSIONS) } }],
    },
  };
}
