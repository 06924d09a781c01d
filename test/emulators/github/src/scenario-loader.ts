import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { githubScenarioSchema, type GithubScenario } from './scenario-schema';

/** The checked-in demo organization "acme-corp" (25 repositories, 30 members, the usual drift). */
export const GITHUB_DEMO_SCENARIO_PATH = join(__dirname, '..', 'scenarios', 'demo.json');

/** Validates a scenario; the error names every offending field so a broken file is quick to fix. */
export function parseGithubScenario(input: unknown, source = 'scenario'): GithubScenario {
  const result = githubScenarioSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  throw new Error(`invalid ${source}:\n${problems}`);
}

export function loadGithubScenarioFile(path: string): GithubScenario {
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseGithubScenario(json, path);
}

export function loadGithubDemoScenario(): GithubScenario {
  return loadGithubScenarioFile(GITHUB_DEMO_SCENARIO_PATH);
}
