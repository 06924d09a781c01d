export { startGithubEmulator, type GithubEmulator, type GithubEmulatorOptions } from './github-emulator';
export { DEFAULT_FAULTS, type GithubFaults, type GithubRequestMatcher } from './faults';
export { summarizeCalls, type GithubCall, type GithubCallSummary, type GithubFaultKind } from './call-log';
export type { RateLimitResource, RateLimitSnapshot } from './rate-limiter';
export { generateGithubScenario, GENERATED_TOKENS, type GenerateGithubScenarioOptions } from './scenario-generator';
export { GITHUB_DEMO_SCENARIO_PATH, loadGithubDemoScenario, loadGithubScenarioFile, parseGithubScenario } from './scenario-loader';
export { githubScenarioSchema, type GithubScenario, type GithubScenarioInput, type RepositoryPermission } from './scenario-schema';
export { computeQueryCost, type QueryCost } from './graphql/query-cost';
export { githubSchema } from './graphql/github-schema';
