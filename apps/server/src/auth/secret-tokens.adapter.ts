import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/**
 * The random secrets of sign-in (session cookies, API tokens, invitation links, OIDC state) and
 * how they are stored: only sha256 of the value. 256 random bits cannot be guessed, so a fast
 * hash is enough and lets a request be looked up by it in one indexed read.
 */
@Injectable()
export class SecretTokens {
  /** A new secret: 32 random bytes, base64url, with an optional readable prefix (e.g. `astro_`). */
  mint(prefix = ''): string {
    return `${prefix}${randomBytes(32).toString('base64url')}`;
  }

  hash(value: string): string {
    return createHash('sha256').update(value, 'utf8').digest('hex');
  }

  /**
   * The CSRF token of a session, derived from its cookie value: unguessable without the cookie,
   * reveals nothing about it, and needs no storage.
   */
  csrfFor(sessionToken: string): string {
    return createHash('sha256').update(`astrolabe csrf\0${sessionToken}`, 'utf8').digest('base64url');
  }

  equal(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}
