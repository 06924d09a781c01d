import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** Resources the token endpoint issues tokens for (scope `<resource>/.default`), besides the emulator's own origin. */
export const GRAPH_RESOURCES = ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn'] as const;
export const ARM_RESOURCES = ['https://management.azure.com', 'https://management.core.windows.net', 'https://management.usgovcloudapi.net', 'https://management.chinacloudapi.cn'] as const;

/** The claims of an app-only access token the emulator issues (v1 token layout, as Graph and ARM get). */
export interface AccessTokenClaims {
  readonly aud: string;
  readonly iss: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly appid: string;
  readonly app_displayname: string;
  readonly idtyp: 'app';
  /** Object id of the app's service principal. */
  readonly oid: string;
  readonly tid: string;
  /** Graph application permissions (for a Graph audience); empty for ARM. */
  readonly roles: readonly string[];
  readonly uti: string;
  readonly ver: '1.0';
}

export type TokenProblem = 'malformed' | 'signature' | 'expired' | 'not-yet-valid';

/**
 * Signs and verifies the emulator's access tokens: compact JWTs with HS256 under a key made at
 * start (real Entra ID signs RS256 with its published keys; clients never verify app tokens, so
 * only the emulator checks them). A token from another emulator instance fails the signature.
 */
export class AccessTokenIssuer {
  private readonly key = randomBytes(32);

  issue(claims: Omit<AccessTokenClaims, 'uti' | 'ver' | 'idtyp'>): string {
    const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'astrolabe-emulator' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...claims, idtyp: 'app', uti: randomUUID().replace(/-/g, ''), ver: '1.0' })).toString('base64url');
    return `${header}.${payload}.${this.signature(`${header}.${payload}`)}`;
  }

  verify(token: string, nowSeconds: number): { ok: true; claims: AccessTokenClaims } | { ok: false; problem: TokenProblem } {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, problem: 'malformed' };
    const [header = '', payload = '', signature = ''] = parts;
    const expected = Buffer.from(this.signature(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, problem: 'signature' };
    let claims: AccessTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessTokenClaims;
    } catch {
      return { ok: false, problem: 'malformed' };
    }
    if (nowSeconds >= claims.exp) return { ok: false, problem: 'expired' };
    if (nowSeconds < claims.nbf - 300) return { ok: false, problem: 'not-yet-valid' };
    return { ok: true, claims };
  }

  private signature(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}

/** `https://graph.microsoft.com/.default` → `https://graph.microsoft.com`; null when the scope is not `<resource>/.default`. */
export function resourceOfScope(scope: string): string | null {
  const m = /^(https:\/\/[^\s]+?)\/?\.default$/.exec(scope.trim());
  return m?.[1]?.replace(/\/+$/, '') ?? null;
}
