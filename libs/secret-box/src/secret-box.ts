import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Envelope encryption for connector secrets: each value gets a fresh data key (AES-256-GCM),
 * and the data key is itself wrapped with the master key. Rotating the master key re-wraps
 * data keys only. Format: v1.<wrapIv>.<wrappedKey+tag>.<iv>.<ciphertext+tag>, base64url parts.
 */
export class SecretBox {
  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes (base64 of 32 random bytes)');
  }

  seal(plaintext: string): string {
    const dataKey = randomBytes(32);
    const [wrapIv, wrapped] = this.encrypt(this.masterKey, dataKey);
    const [iv, body] = this.encrypt(dataKey, Buffer.from(plaintext, 'utf8'));
    return [VERSION, wrapIv, wrapped, iv, body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const { dataKey, iv, body } = this.unwrap(sealed);
    return this.decrypt(dataKey, iv, body).toString('utf8');
  }

  /**
   * Master-key rotation: opens the data key with this box's master key and wraps it again with
   * `next`'s, leaving the ciphertext body (and its IV) byte for byte as it was. The body's tag is
   * checked first, so a tampered value is rejected rather than carried over.
   */
  rewrap(sealed: string, next: SecretBox): string {
    const { dataKey, iv, body, parts } = this.unwrap(sealed);
    this.decrypt(dataKey, iv, body);
    const [wrapIv, wrapped] = next.encrypt(next.masterKey, dataKey);
    return [VERSION, wrapIv.toString('base64url'), wrapped.toString('base64url'), parts[3], parts[4]].join('.');
  }

  private unwrap(sealed: string): { dataKey: Buffer; iv: Buffer; body: Buffer; parts: string[] } {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('sealed secret has an unknown format');
    const [, wrapIv, wrapped, iv, body] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer, Buffer, Buffer];
    const dataKey = this.decrypt(this.masterKey, wrapIv, wrapped);
    if (dataKey.length !== 32) throw new Error('sealed secret is malformed');
    return { dataKey, iv, body, parts };
  }

  private encrypt(key: Buffer, plain: Buffer): [Buffer, Buffer] {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    const out = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return [iv, out];
  }

  private decrypt(key: Buffer, iv: Buffer, data: Buffer): Buffer {
    // Exact lengths: GCM would otherwise accept a truncated (forgeable) 4- or 8-byte tag.
    if (iv.length !== IV_BYTES || data.length < TAG_BYTES) throw new Error('sealed secret is malformed');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
  }
}

/**
 * The master key the server would use, without creating one: env, else the key file if it exists;
 * undefined when there is neither (`source` says which was used).
 */
export function readMasterKey(envValue: string | undefined, keyFile: string): { key: Buffer; source: 'env' | 'file' } | undefined {
  if (envValue) return { key: Buffer.from(envValue, 'base64'), source: 'env' };
  if (!existsSync(keyFile)) return undefined;
  return { key: Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64'), source: 'file' };
}

/** Master key from env, else a generated 0600 key file (dev and demo only). */
export function loadMasterKey(envValue: string | undefined, keyFile: string): Buffer {
  if (envValue) return Buffer.from(envValue, 'base64');
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  chmodSync(keyFile, 0o600);
  return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
}
