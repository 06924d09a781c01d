import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { azureScenarioSchema, type AzureScenario } from './scenario-schema';

/** The checked-in demo tenant "Acme Corp" (40 users, guests, three Global Administrators, the usual drift). */
export const AZURE_DEMO_SCENARIO_PATH = join(__dirname, '..', 'scenarios', 'demo.json');

/** Validates a scenario; the error names every offending field so a broken file is quick to fix. */
export function parseAzureScenario(input: unknown, source = 'scenario'): AzureScenario {
  const result = azureScenarioSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  throw new Error(`invalid ${source}:\n${problems}`);
}

export function loadAzureScenarioFile(path: string): AzureScenario {
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseAzureScenario(json, path);
}

export function loadAzureDemoScenario(): AzureScenario {
  return loadAzureScenarioFile(AZURE_DEMO_SCENARIO_PATH);
}
