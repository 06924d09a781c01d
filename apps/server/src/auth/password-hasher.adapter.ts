import { hashPassword, verifyPassword } from '@astrolabe/secret-box';
import { Injectable } from '@nestjs/common';

/** Password hashing (argon2id, one profile shared with the CLI) behind an adapter, like every crypto effect. */
@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so a miss costs as long as a wrong password. */
  private decoy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  async verify(stored: string | null, password: string): Promise<boolean> {
    if (stored === null) {
      this.decoy ??= hashPassword('decoy password nobody has');
      await verifyPassword(await this.decoy, password);
      return false;
    }
    return verifyPassword(stored, password);
  }
}
