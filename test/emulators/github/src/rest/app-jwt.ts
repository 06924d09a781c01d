import { verify } from 'node:crypto';
import type { AppModel, GithubModel } from '../model/github-model';
import { DOCS, GithubHttpError } from './http-error';

/** GitHub refuses a JWT whose `exp` is more than ten minutes away. */
const MAX_JWT_LIFETIME_S = 10 * 60;
const BEARER = /^bearer\s+(\S+)\s*$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** GitHub's answers to a JWT it will not accept (401, `documentation_url` https://docs.github.com/rest). */
export const JWT_MESSAGES = {
  undecodable: 'A JSON web token could not be decoded',
  issuer: "'Issuer' claim ('iss') must be an Integer",
  issuedAt: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
  expired: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  tooLong: "'Expiration time' claim ('exp') is too far in the future",
} as const;

const refuse = (message: string): GithubHttpError => new GithubHttpError(401, message, DOCS.rest);

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `iss` is the app id, as a number or a string of digits. */
function issuer(iss: unknown): number | undefined {
  if (typeof iss === 'number' && Number.isSafeInteger(iss)) return iss;
  if (typeof iss === 'string' && /^\d{1,15}$/.test(iss)) return Number(iss);
  return undefined;
}

/**
 * Authenticates a GitHub App the way GitHub does: `Authorization: Bearer <JWT>`, RS256 signed by
 * the private key of the app named in `iss` (checked against the scenario's public key), `iat` not
 * in the future and `exp` in the future but at most ten minutes away. Throws GitHub's 401 otherwise:
 * a wrong key, an unknown app id or anything that is not an RS256 JWT all read "A JSON web token
 * could not be decoded"; the time claims have their own messages (which octokit recognizes as
 * clock skew, and retries once with the offset of the `Date` header).
 */
export function verifyAppJwt(model: GithubModel, authorization: string | undefined, nowSeconds: number): AppModel {
  const jwt = BEARER.exec(authorization ?? '')?.[1];
  const parts = jwt?.split('.') ?? [];
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) throw refuse(JWT_MESSAGES.undecodable);
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload || header['alg'] !== 'RS256') throw refuse(JWT_MESSAGES.undecodable);

  const appId = issuer(payload['iss']);
  if (appId === undefined) throw refuse(JWT_MESSAGES.issuer);
  const app = model.app(appId);
  if (!app) throw refuse(JWT_MESSAGES.undecodable);
  const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  if (!verify('sha256', signed, app.publicKey, Buffer.from(signaturePart, 'base64url'))) throw refuse(JWT_MESSAGES.undecodable);

  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > nowSeconds) throw refuse(JWT_MESSAGES.issuedAt);
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= nowSeconds) throw refuse(JWT_MESSAGES.expired);
  if (exp > nowSeconds + MAX_JWT_LIFETIME_S) throw refuse(JWT_MESSAGES.tooLong);
  return app;
}
