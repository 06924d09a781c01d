import { Injectable } from '@nestjs/common';
import { SecretBox } from '../platform/secret-box.adapter';

/** Seals and opens connector secrets; the only code that sees plaintext secrets at rest. */
@Injectable()
export class ConnectionSecrets {
  constructor(private readonly box: SecretBox) {}

  seal(secret: Record<string, unknown> | null | undefined): string | null {
    if (!secret || Object.keys(secret).length === 0) return null;
    return this.box.seal(JSON.stringify(secret));
  }

  open(sealed: string | null): Record<string, unknown> {
    if (!sealed) return {};
    return JSON.parse(this.box.open(sealed)) as Record<string, unknown>;
  }
}
