import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP minimum profile (19 MiB, 2 passes, 1 lane): about 30 ms here, slow
 * enough to make offline guessing expensive and fast enough not to be a denial-of-service lever
 * behind the sign-in rate limit. The server and the CLI (first owner) hash with this one profile;
 * the parameters travel inside each hash, so raising them later still verifies old hashes.
 */
// algorithm 2 is Algorithm.Argon2id: a const enum, which isolated modules cannot import.
const PROFILE = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PROFILE);
}

/** False for a wrong password and for a malformed stored hash alike. */
export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}
