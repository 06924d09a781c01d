import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioSchema, type Scenario } from './scenario-schema';

/** The checked-in demo company (a few dozen users, some failing checks). */
export const DEMO_SCENARIO_PATH = join(__dirname, '..', 'scenarios', 'demo.json');

/** Validates a scenario; the error names every offending field so a broken file is quick to fix. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  throw new Error(`invalid ${source}:\n${problems}`);
}

export function loadScenarioFile(path: string): Scenario {
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseScenario(json, path);
}

export function loadDemoScenario(): Scenario {
  return loadScenarioFile(DEMO_SCENARIO_PATH);
}
