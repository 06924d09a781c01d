import { Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { Clock } from '../../platform/clock.adapter';

/** What Astrolabe asks every identity provider for: who the person is and their email. */
const SCOPE = 'openid email profile';
/**
 * Provider metadata rarely changes, and a cached copy saves a round trip per sign-in; ten minutes
 * bounds how long a provider's moved endpoint or rotated config goes unnoticed.
 */
const DISCOVERY_TTL_MS = 10 * 60_000;
/** Seconds per request to the provider: a sign-in or a settings save should fail, not hang. */
const REQUEST_TIMEOUT_S = 10;
/** Hosts on which plain http is tolerated: only this machine, where nothing crosses a network. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/**
 * Server metadata does not depend on the client, so discovery runs once per issuer under this
 * placeholder id; each sign-in builds its own Configuration with the workspace's real client.
 */
const DISCOVERY_CLIENT_ID = 'astrolabe-discovery';

/** The issuer cannot be used: not https, unreachable, or not an OpenID provider. */
export class IssuerError extends Error {}

/**
 * A sign-in the provider or the token exchange refused. `code` is short and safe to put in a URL;
 * the message is for the server log only.
 */
export class OidcSignInError extends Error {
  constructor(
    readonly code: 'sso_denied' | 'sso_token',
    message: string,
  ) {
    super(message);
  }
}

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** A started sign-in: where to send the browser, and what the callback must be checked against. */
export interface OidcAuthorization {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Who the provider says signed in, from the ID token's claims. */
export interface OidcIdentity {
  subject: string;
  email: string | null;
  /** null when the provider does not say (some never send the claim). */
  emailVerified: boolean | null;
  name: string | null;
}

/** Why an issuer URL is unusable, or null. Exported for tests and for the settings validation. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'must be a URL';
  }
  if (url.search || url.hash) return 'must not have a query or fragment';
  if (url.protocol === 'https:') return null;
  // Tokens and client secrets travel to the issuer: plain http only where no network is crossed.
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'must use https (plain http is accepted only for a provider on this machine, for local testing)';
}

const insecureAllowed = (issuer: string): boolean => new URL(issuer).protocol === 'http:';

function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // fetch failures hide the useful part (ECONNREFUSED, ENOTFOUND, a TLS error) in their cause.
  const cause: unknown = err.cause;
  const code = cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${REQUEST_TIMEOUT_S} seconds`;
  return code ? `${err.message} (${code})` : err.message;
}

/**
 * OpenID Connect relying party over openid-client v6: authorization code flow with PKCE (S256),
 * state and nonce, the ID token validated (signature, issuer, audience, expiry, nonce) by the
 * library. The only adapter that talks to identity providers.
 */
@Injectable()
export class OidcClient {
  private readonly discovered = new Map<string, { metadata: Promise<oidc.ServerMetadata>; fetchedAt: number }>();

  constructor(private readonly clock: Clock) {}

  /**
   * The provider's metadata, from `<issuer>/.well-known/openid-configuration` (cached per issuer).
   * `fresh` skips the cache: saving settings checks the provider as it is now. Throws IssuerError.
   */
  async discover(issuer: string, options: { fresh?: boolean } = {}): Promise<oidc.ServerMetadata> {
    const problem = issuerProblem(issuer);
    if (problem) throw new IssuerError(problem);
    const now = this.clock.now().getTime();
    const cached = this.discovered.get(issuer);
    if (cached && !options.fresh && now - cached.fetchedAt < DISCOVERY_TTL_MS) return cached.metadata;
    const metadata = oidc
      .discovery(new URL(issuer), DISCOVERY_CLIENT_ID, undefined, oidc.None(), { execute: insecureAllowed(issuer) ? [oidc.allowInsecureRequests] : [], timeout: REQUEST_TIMEOUT_S })
      .then((config) => config.serverMetadata())
      .catch((err: unknown) => {
        throw new IssuerError(`OpenID discovery failed at ${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration: ${reasonOf(err)}`);
      });
    // Concurrent sign-ins share one request; a failure is not cached, so the next try asks again.
    this.discovered.set(issuer, { metadata, fetchedAt: now });
    metadata.catch(() => {
      if (this.discovered.get(issuer)?.metadata === metadata) this.discovered.delete(issuer);
    });
    return metadata;
  }

  /** Starts a sign-in: fresh state, nonce and PKCE verifier, and the provider URL carrying them. */
  async authorization(settings: OidcClientSettings, redirectUri: string): Promise<OidcAuthorization> {
    const config = await this.configuration(settings);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Finishes a sign-in from the URL the provider redirected to (the redirect URI with its query):
   * checks state (and `iss` when the provider sends it), exchanges the code with the PKCE
   * verifier, and validates the ID token including its nonce. Throws OidcSignInError.
   */
  async complete(settings: OidcClientSettings, callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity> {
    const config = await this.configuration(settings).catch((err: unknown) => {
      throw new OidcSignInError('sso_token', reasonOf(err));
    });
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { expectedState: checks.state, expectedNonce: checks.nonce, pkceCodeVerifier: checks.codeVerifier, idTokenExpected: true });
    } catch (err) {
      if (err instanceof oidc.AuthorizationResponseError) throw new OidcSignInError('sso_denied', `the provider answered ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`);
      throw new OidcSignInError('sso_token', reasonOf(err));
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcSignInError('sso_token', 'the token response has no ID token');
    return {
      subject: claims.sub,
      email: typeof claims['email'] === 'string' ? claims['email'] : null,
      emailVerified: typeof claims['email_verified'] === 'boolean' ? claims['email_verified'] : null,
      name: typeof claims['name'] === 'string' && claims['name'].trim() ? claims['name'].trim() : null,
    };
  }

  private async configuration(settings: OidcClientSettings): Promise<oidc.Configuration> {
    const metadata = await this.discover(settings.issuer);
    // client_secret_basic is the OpenID default; a provider that lists only _post gets _post.
    const methods = metadata.token_endpoint_auth_methods_supported;
    const auth = !methods || methods.includes('client_secret_basic') || !methods.includes('client_secret_post') ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.ClientSecretPost(settings.clientSecret);
    const config = new oidc.Configuration(metadata, settings.clientId, undefined, auth);
    config.timeout = REQUEST_TIMEOUT_S;
    // discover() has already refused http for anything but a loopback issuer.
    if (insecureAllowed(settings.issuer)) oidc.allowInsecureRequests(config);
    return config;
  }
}
