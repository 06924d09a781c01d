import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { resolveDate } from '../relative-date';
import { matchesRepositoryName } from './glob';
import type {
  GithubScenario,
  PermissionLevel,
  RateLimits,
  RepositoryPermission,
  ScenarioBranchProtection,
  ScenarioEnvironment,
  ScenarioOrganizationRuleset,
  ScenarioRepository,
  ScenarioRepositoryRuleset,
  ScenarioRule,
  ScenarioToken,
} from '../scenario-schema';
import { nodeId, StableIds } from '../stable-id';

export interface UserModel {
  readonly login: string;
  readonly id: number;
  readonly nodeId: string;
  readonly name: string | null;
  readonly type: 'User' | 'Bot';
  readonly twoFactor: boolean;
  readonly createdAt: Date;
}

export interface MemberModel {
  readonly user: UserModel;
  readonly role: 'admin' | 'member';
  readonly publicMembership: boolean;
  readonly grants: ReadonlyMap<string, RepositoryPermission>;
}

export interface CollaboratorModel {
  readonly user: UserModel;
  readonly grants: ReadonlyMap<string, RepositoryPermission>;
}

export interface BranchProtectionModel extends Omit<ScenarioBranchProtection, 'pattern' | 'bypassPullRequestActors'> {
  readonly id: number;
  readonly pattern: string;
  readonly bypassPullRequestActors: readonly UserModel[];
}

export interface RulesetModel {
  readonly id: number;
  readonly name: string;
  readonly enforcement: 'ACTIVE' | 'EVALUATE' | 'DISABLED';
  readonly target: 'BRANCH' | 'TAG' | 'PUSH';
  /** The repository that owns it, or null for an organization ruleset. */
  readonly ownerRepository: RepoModel | null;
  readonly refName: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly repositoryName: { readonly include: readonly string[]; readonly exclude: readonly string[] } | null;
  readonly bypassActors: number;
  readonly rules: readonly ScenarioRule[];
  readonly createdAt: Date;
}

export interface EnvironmentModel {
  readonly id: number;
  readonly name: string;
  readonly protectionRules: readonly (ScenarioEnvironment['protectionRules'][number] & { readonly id: number; readonly reviewerUsers: readonly UserModel[] })[];
}

export interface RepoModel {
  readonly id: number;
  readonly nodeId: string;
  readonly name: string;
  readonly fullName: string;
  readonly scenario: ScenarioRepository;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly pushedAt: Date;
  /** Kilobytes, as GitHub reports it; 0 for an empty repository. */
  readonly size: number;
  readonly branchProtection: BranchProtectionModel | null;
  readonly rulesets: readonly RulesetModel[];
  readonly environments: readonly EnvironmentModel[];
}

export interface OrgModel {
  readonly login: string;
  readonly id: number;
  readonly nodeId: string;
  readonly createdAt: Date;
  readonly settings: GithubScenario['organization'];
  readonly rulesets: readonly RulesetModel[];
}

/** A GitHub App that signs JWTs with its private key; the emulator holds only the public key. */
export interface AppModel {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly nodeId: string;
  readonly publicKey: KeyObject;
  /** `<slug>[bot]`: who its installation tokens act as. */
  readonly bot: UserModel;
  readonly createdAt: Date;
}

export interface InstallationModel {
  readonly id: number;
  readonly app: AppModel;
  readonly permissions: Readonly<Record<string, PermissionLevel>>;
  readonly limits: RateLimits;
  readonly createdAt: Date;
}

export type TokenModel = ScenarioToken & {
  readonly user: UserModel;
  readonly limits: RateLimits;
  /** Minted by `POST /app/installations/{id}/access_tokens` (null: a fixed scenario token). */
  readonly installation: InstallationModel | null;
  /** When a minted token stops working (GitHub: one hour); null: never. */
  readonly expiresAt: Date | null;
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** `ghs_` and 36 base62 characters, like GitHub's installation tokens. */
function installationTokenValue(): string {
  return `ghs_${[...randomBytes(36)].map((b) => BASE62.charAt(b % 62)).join('')}`;
}

/**
 * The scenario resolved into what the API serves: ids, dates measured from `now`, users shared by
 * members, collaborators, reviewers and bots, and the rulesets that apply to each repository.
 */
export class GithubModel {
  readonly org: OrgModel;
  readonly members: readonly MemberModel[];
  readonly outsideCollaborators: readonly CollaboratorModel[];
  readonly repos: readonly RepoModel[];
  private readonly usersByLogin = new Map<string, UserModel>();
  private readonly membersByLogin = new Map<string, MemberModel>();
  private readonly collaboratorsByLogin = new Map<string, CollaboratorModel>();
  private readonly reposByName = new Map<string, RepoModel>();
  private readonly tokens = new Map<string, TokenModel>();
  private readonly appsById = new Map<number, AppModel>();
  private readonly installationsById = new Map<number, InstallationModel>();
  private readonly userIds = new StableIds(1_000_000);
  private readonly repoIds = new StableIds(100_000_000);
  private readonly otherIds = new StableIds(10_000_000);
  private readonly rulesetIds = new StableIds(100_000);

  constructor(scenario: GithubScenario, now: Date) {
    const date = (spec: string): Date => resolveDate(spec, now);
    const settings = scenario.organization;
    const orgId = this.userIds.take(`org:${settings.login}`, settings.id);
    const orgRulesets: RulesetModel[] = settings.rulesets.map((r) => this.ruleset(r, null, settings.login, date));
    this.org = { login: settings.login, id: orgId, nodeId: nodeId('Organization', orgId), createdAt: date(settings.created), settings, rulesets: orgRulesets };

    this.members = scenario.members.map((m) => {
      const member: MemberModel = {
        user: this.addUser(m.login, m.name, m.twoFactor, date(m.created)),
        role: m.role,
        publicMembership: m.publicMembership,
        grants: new Map(Object.entries(m.repositories)),
      };
      this.membersByLogin.set(m.login.toLowerCase(), member);
      return member;
    });
    this.outsideCollaborators = scenario.outsideCollaborators.map((c) => {
      const collaborator: CollaboratorModel = { user: this.addUser(c.login, c.name, c.twoFactor, date(c.created)), grants: new Map(Object.entries(c.repositories)) };
      this.collaboratorsByLogin.set(c.login.toLowerCase(), collaborator);
      return collaborator;
    });
    this.repos = scenario.repositories.map((r) => {
      const repo = this.buildRepo(r, date);
      this.reposByName.set(r.name.toLowerCase(), repo);
      return repo;
    });
    for (const t of scenario.tokens) {
      const user = t.kind === 'app' ? this.bot(`${t.app}[bot]`, date(settings.created)) : this.userOrStranger(t.login, date(settings.created));
      this.tokens.set(t.token, { ...t, user, limits: { ...scenario.rateLimits, ...t.rateLimits }, installation: null, expiresAt: null });
    }
    for (const a of scenario.apps) {
      const slug = a.slug ?? `app-${a.appId}`;
      const app: AppModel = {
        id: a.appId,
        slug,
        name: a.name ?? slug,
        nodeId: nodeId('Integration', a.appId),
        publicKey: createPublicKey(a.publicKeyPem),
        bot: this.bot(`${slug}[bot]`, date(settings.created)),
        createdAt: date(settings.created),
      };
      this.appsById.set(app.id, app);
      for (const i of a.installations) {
        this.installationsById.set(i.id, { id: i.id, app, permissions: i.permissions, limits: { ...scenario.rateLimits, ...i.rateLimits }, createdAt: date(i.created) });
      }
    }
  }

  token(value: string): TokenModel | undefined {
    return this.tokens.get(value);
  }

  app(id: number): AppModel | undefined {
    return this.appsById.get(id);
  }

  installation(id: number): InstallationModel | undefined {
    return this.installationsById.get(id);
  }

  /** A new installation access token, accepted like the scenario's `app` tokens until `expiresAt`. */
  mintInstallationToken(installation: InstallationModel, permissions: Readonly<Record<string, PermissionLevel>>, expiresAt: Date): TokenModel {
    const token: TokenModel = {
      kind: 'app',
      token: installationTokenValue(),
      app: installation.app.slug,
      permissions: { ...permissions },
      user: installation.app.bot,
      limits: installation.limits,
      installation,
      expiresAt,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  member(login: string): MemberModel | undefined {
    return this.membersByLogin.get(login.toLowerCase());
  }

  collaborator(login: string): CollaboratorModel | undefined {
    return this.collaboratorsByLogin.get(login.toLowerCase());
  }

  repo(name: string): RepoModel | undefined {
    return this.reposByName.get(name.toLowerCase());
  }

  /** Repository rulesets plus the organization rulesets whose repository condition names it. */
  rulesetsFor(repo: RepoModel, includeParents: boolean): RulesetModel[] {
    if (!includeParents) return [...repo.rulesets];
    const fromOrg = this.org.rulesets.filter((r) => {
      const cond = r.repositoryName;
      if (!cond) return true;
      return cond.include.some((p) => matchesRepositoryName(p, repo.name)) && !cond.exclude.some((p) => matchesRepositoryName(p, repo.name));
    });
    return [...repo.rulesets, ...fromOrg];
  }

  private buildRepo(r: ScenarioRepository, date: (spec: string) => Date): RepoModel {
    const fullName = `${this.org.login}/${r.name}`;
    const id = this.repoIds.take(fullName);
    const createdAt = date(r.created);
    const rulesets: RulesetModel[] = [];
    const repo: RepoModel = {
      id,
      nodeId: nodeId('Repository', id),
      name: r.name,
      fullName,
      scenario: r,
      createdAt,
      updatedAt: date(r.updated),
      pushedAt: r.empty ? createdAt : date(r.pushed),
      size: r.empty ? 0 : 100 + (id % 50_000),
      branchProtection: r.branchProtection && !r.empty ? this.protection(r.branchProtection, r.defaultBranch, fullName) : null,
      rulesets,
      environments: r.environments.map((e) => ({
        id: this.otherIds.take(`env:${fullName}:${e.name}`),
        name: e.name,
        protectionRules: e.protectionRules.map((p, i) => ({
          ...p,
          id: this.otherIds.take(`protection:${fullName}:${e.name}:${i}`),
          reviewerUsers: p.type === 'REQUIRED_REVIEWERS' ? p.reviewers.map((l) => this.userOrStranger(l, createdAt)) : [],
        })),
      })),
    };
    // Rulesets point back at their repository (GraphQL `source`), so they are added after it exists.
    rulesets.push(...r.rulesets.map((s) => this.ruleset(s, repo, fullName, date)));
    return repo;
  }

  private protection(p: ScenarioBranchProtection, defaultBranch: string, fullName: string): BranchProtectionModel {
    return {
      ...p,
      id: this.otherIds.take(`bpr:${fullName}`),
      pattern: p.pattern ?? defaultBranch,
      bypassPullRequestActors: p.bypassPullRequestActors.map((l) => this.userOrStranger(l, this.org.createdAt)),
    };
  }

  private ruleset(r: ScenarioRepositoryRuleset | ScenarioOrganizationRuleset, owner: RepoModel | null, ownerName: string, date: (spec: string) => Date): RulesetModel {
    const conditions = r.conditions;
    return {
      id: this.rulesetIds.take(`ruleset:${ownerName}:${r.name}`),
      name: r.name,
      enforcement: r.enforcement,
      target: r.target,
      ownerRepository: owner,
      refName: conditions.refName,
      repositoryName: 'repositoryName' in conditions ? conditions.repositoryName : null,
      bypassActors: r.bypassActors,
      rules: r.rules,
      createdAt: date(r.created),
    };
  }

  private addUser(login: string, name: string | null, twoFactor: boolean, createdAt: Date): UserModel {
    const id = this.userIds.take(`user:${login.toLowerCase()}`);
    const user: UserModel = { login, id, nodeId: nodeId('User', id), name, type: 'User', twoFactor, createdAt };
    this.usersByLogin.set(login.toLowerCase(), user);
    return user;
  }

  /** A login the scenario mentions (a reviewer, a token owner) without making it a member. */
  private userOrStranger(login: string, createdAt: Date): UserModel {
    return this.usersByLogin.get(login.toLowerCase()) ?? this.addUser(login, null, true, createdAt);
  }

  private bot(login: string, createdAt: Date): UserModel {
    const existing = this.usersByLogin.get(login.toLowerCase());
    if (existing) return existing;
    const id = this.userIds.take(`bot:${login}`);
    const user: UserModel = { login, id, nodeId: nodeId('Bot', id), name: null, type: 'Bot', twoFactor: false, createdAt };
    this.usersByLogin.set(login.toLowerCase(), user);
    return user;
  }
}
