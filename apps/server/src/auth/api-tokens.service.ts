import { grantableRoles, type MemberRole } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { badRequest, forbidden, notFound } from '../http/problem';
import { SessionClock } from '../platform/clock.adapter';
import { ApiTokenRepository, type ApiTokenRow } from './api-token.repository';
import { TOKEN_PREFIX } from './authentication.service';
import type { RequestActor } from './principal';
import { SecretTokens } from './secret-tokens.adapter';

const MAX_TOKEN_DAYS = 366;

export function toTokenView(t: ApiTokenRow, now: Date) {
  const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active';
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    state,
  } as const;
}

/** API tokens for the CLI and CI: one workspace, one role, shown once, stored as a hash. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly secrets: SecretTokens,
    private readonly clock: SessionClock,
  ) {}

  async list(workspaceId: string) {
    const now = this.clock.now();
    return (await this.tokens.list(workspaceId)).map((t) => toTokenView(t, now));
  }

  async create(workspaceId: string, by: RequestActor, input: { name: string; role: MemberRole; expiresAt?: string }) {
    if (by.principal.kind === 'token') throw forbidden('An API token cannot create tokens; sign in to create one.');
    // Nobody mints a token that could do more than they can.
    if (!grantableRoles(by.member.role).includes(input.role)) throw forbidden(`A ${by.member.role} may not create a token with the ${input.role} role.`);
    const now = this.clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= now) throw badRequest([{ field: 'expiresAt', message: 'must be in the future' }]);
    if (expiresAt && expiresAt.getTime() - now.getTime() > MAX_TOKEN_DAYS * 86_400_000) throw badRequest([{ field: 'expiresAt', message: `at most ${MAX_TOKEN_DAYS} days from now` }]);
    const token = this.secrets.mint(TOKEN_PREFIX);
    const row = await this.tokens.create(workspaceId, { name: input.name, role: input.role, tokenHash: this.secrets.hash(token), createdBy: by.member.id, now, expiresAt });
    return { ...toTokenView(row, now), token };
  }

  async revoke(workspaceId: string, id: string) {
    const now = this.clock.now();
    if (!(await this.tokens.get(workspaceId, id))) throw notFound('token', id);
    await this.tokens.revoke(workspaceId, id, now);
    return toTokenView((await this.tokens.get(workspaceId, id)) as ApiTokenRow, now);
  }
}
