import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type OidcContext } from 'oidc-provider';

/** A person the test identity provider knows, by the login typed into its sign-in form. */
export interface TestIdpAccount {
  email: string;
  name: string;
  /** Omit to leave the claim out entirely, as some providers do. */
  emailVerified?: boolean;
}

export interface TestIdp {
  /** http://127.0.0.1:<port>, the issuer identifier. */
  issuer: string;
  /**
   * Plays the browser at the provider: follows the authorization URL, signs in as `login` on the
   * provider's own (development) sign-in form, and returns the URL it redirects back to.
   */
  signIn: (authorizationUrl: string, login: string) => Promise<URL>;
  /** Like signIn, but the person cancels at the sign-in form: the provider redirects back with an error. */
  cancel: (authorizationUrl: string) => Promise<URL>;
  close: () => Promise<void>;
}

/** A minimal cookie jar: one provider origin, so names are enough (paths and expiry do not matter here). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * A real OpenID provider (oidc-provider, in memory) on a random loopback port: one confidential
 * client with PKCE required, the accounts given, consent pre-granted, and ID tokens that carry
 * the email and profile claims (as most enterprise providers' do).
 */
export async function startTestIdp(input: { clientId: string; clientSecret: string; redirectUri: string; accounts: Record<string, TestIdpAccount> }): Promise<TestIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: input.clientId,
        client_secret: input.clientSecret,
        redirect_uris: [input.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Put the scope's claims in the ID token, not only behind the userinfo endpoint.
    conformIdTokenClaims: false,
    cookies: { keys: ['astrolabe-test-idp-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    findAccount: async (_ctx, sub) => {
      const account = input.accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: account.email, name: account.name, ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }) }),
      };
    },
    // Consent is not under test: every sign-in is granted the scopes Astrolabe asks for.
    loadExistingGrant: async (ctx: OidcContext) => {
      const { client, session, provider: op } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new op.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, err) => console.error('test identity provider error', err));
  server.on('request', provider.callback());

  /** Follows the provider's own redirects until one leaves it (to the relying party). */
  const follow = async (jar: CookieJar, from: URL): Promise<URL> => {
    let url = from;
    for (let hops = 0; hops < 10; hops++) {
      if (url.origin !== issuer) return url;
      const res = await fetch(url, { headers: { cookie: jar.header() }, redirect: 'manual' });
      jar.store(res);
      const location = res.headers.get('location');
      if (!location) throw new Error(`the test provider answered ${res.status} at ${url.pathname}: ${(await res.text()).slice(0, 300)}`);
      url = new URL(location, url);
    }
    throw new Error('too many redirects at the test provider');
  };

  /** Opens the authorization URL and returns the jar and the interaction (sign-in form) URL. */
  const open = async (authorizationUrl: string): Promise<{ jar: CookieJar; interaction: URL }> => {
    const jar = new CookieJar();
    const res = await fetch(authorizationUrl, { redirect: 'manual' });
    jar.store(res);
    const location = res.headers.get('location');
    if (!location) throw new Error(`the test provider refused the authorization request (${res.status}): ${(await res.text()).slice(0, 300)}`);
    return { jar, interaction: new URL(location, issuer) };
  };

  return {
    issuer,
    signIn: async (authorizationUrl, login) => {
      const { jar, interaction } = await open(authorizationUrl);
      const res = await fetch(interaction, {
        method: 'POST',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'not checked by devInteractions' }),
        redirect: 'manual',
      });
      jar.store(res);
      const location = res.headers.get('location');
      if (!location) throw new Error(`the test provider's sign-in form answered ${res.status}`);
      return follow(jar, new URL(location, issuer));
    },
    cancel: async (authorizationUrl) => {
      const { jar, interaction } = await open(authorizationUrl);
      return follow(jar, new URL(`${interaction.pathname}/abort`, issuer));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
