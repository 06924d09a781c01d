import type { ScenarioInput } from './scenario-schema';
import { seededRandom } from './seeded-random';

export interface GenerateScenarioOptions {
  users: number;
  roles: number;
  /** Customer-managed policies. */
  policies: number;
  /** Default: one per hundred users, at least three. */
  groups?: number;
  seed: number;
  accountId?: string;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (rng: Rng, min: number, max: number): number => Math.floor(min + rng() * (max - min));
const daysAgo = (rng: Rng, min: number, max: number): string => `-${between(rng, min, max)}d`;
/** Mostly recent, sometimes stale — never before the credential existed. */
const lastUsedDaysAgo = (rng: Rng, existedDays: number, staleShare: number): string | null =>
  rng() < 0.05 ? null : `-${Math.min(existedDays, rng() < staleShare ? between(rng, 46, 200) : between(rng, 0, 30))}d`;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const SERVICES = ['s3', 'dynamodb', 'sqs', 'sns', 'lambda', 'logs', 'kms', 'secretsmanager', 'ecr', 'cloudwatch'];
const MANAGED = ['ReadOnlyAccess', 'ViewOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AmazonEC2ReadOnlyAccess', 'IAMUserChangePassword', 'Billing'];

/**
 * A deterministic synthetic account for benchmarks and paging tests: the same options always
 * give the same scenario. Most principals pass the checks; a small, realistic share fails them.
 */
export function generateScenario(opts: GenerateScenarioOptions): ScenarioInput {
  const rng = seededRandom(opts.seed);
  const groupCount = opts.groups ?? Math.max(3, Math.ceil(opts.users / 100));

  const policies = Array.from({ length: opts.policies }, (_, i) => {
    const service = pick(rng, SERVICES);
    const admin = rng() < 0.02;
    return {
      name: `svc-${service}-policy-${pad(i + 1, 4)}`,
      created: daysAgo(rng, 30, 900),
      versions: 1 + Math.floor(rng() * 3),
      document: admin
        ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }
        : {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`], Resource: `arn:aws:${service}:*:*:app-${pad(i, 4)}*` }],
          },
    };
  });
  const policyNames = policies.map((p) => p.name);
  const attachSome = (max: number): string[] => {
    const n = Math.floor(rng() * (max + 1));
    const out = new Set<string>();
    for (let i = 0; i < n; i++) out.add(policyNames.length > 0 && rng() < 0.6 ? pick(rng, policyNames) : pick(rng, MANAGED));
    return [...out];
  };

  const groups = Array.from({ length: groupCount }, (_, i) => ({
    name: `team-${pad(i + 1, 3)}`,
    created: daysAgo(rng, 200, 1200),
    attachedPolicies: attachSome(3),
  }));
  const groupNames = groups.map((g) => g.name);

  const users = Array.from({ length: opts.users }, (_, i) => {
    const console = rng() < 0.8;
    const mfaDice = rng();
    const keyCount = rng() < 0.3 ? (rng() < 0.15 ? 2 : 1) : 0;
    const createdDays = between(rng, 100, 1500);
    return {
      name: `user-${pad(i + 1, 5)}`,
      created: `-${createdDays}d`,
      console: console ? { passwordLastChanged: daysAgo(rng, 1, 100), lastUsed: lastUsedDaysAgo(rng, createdDays, 0.1) } : null,
      mfa: console ? (mfaDice < 0.85 ? ('virtual' as const) : mfaDice < 0.9 ? ('hardware' as const) : ('none' as const)) : ('none' as const),
      accessKeys: Array.from({ length: keyCount }, () => {
        const keyDays = rng() < 0.85 ? between(rng, 1, 85) : between(rng, 91, 400);
        return { active: rng() < 0.9, created: `-${keyDays}d`, lastUsed: lastUsedDaysAgo(rng, keyDays, 0.1), lastUsedService: pick(rng, SERVICES) };
      }),
      groups: [...new Set([pick(rng, groupNames), ...(rng() < 0.3 ? [pick(rng, groupNames)] : [])])],
      inlinePolicies:
        rng() < 0.03
          ? [{ name: 'inline-extra', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' } } }]
          : [],
      attachedPolicies: rng() < 0.03 ? attachSome(1) : [],
    };
  });

  const roles = Array.from({ length: opts.roles }, (_, i) => {
    const service = pick(rng, ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com']);
    return {
      name: i === 0 ? 'aws-support' : `app-role-${pad(i + 1, 4)}`,
      created: daysAgo(rng, 10, 1000),
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      },
      attachedPolicies: i === 0 ? ['AWSSupportAccess'] : attachSome(2),
      lastUsed: rng() < 0.2 ? null : daysAgo(rng, 0, 60),
    };
  });

  return {
    description: `generated: ${opts.users} users, ${opts.roles} roles, ${opts.policies} policies, seed ${opts.seed}`,
    accountId: opts.accountId ?? '210987654321',
    root: { mfa: 'virtual', passwordLastUsed: '-200d', accessKeys: [] },
    passwordPolicy: { minimumPasswordLength: 14, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true, requireLowercaseCharacters: true, passwordReusePrevention: 24, maxPasswordAge: 90 },
    users,
    groups,
    roles,
    policies,
    serverCertificates: [
      { name: 'www-2023', uploaded: '-500d', expiration: '-135d' },
      { name: 'www-2025', uploaded: '-130d', expiration: '+235d' },
    ],
  };
}
