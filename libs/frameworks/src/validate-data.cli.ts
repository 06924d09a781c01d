// Dev aid: validates one catalog data file against its schema and prints every problem.
// Usage: node -r @swc-node/register libs/frameworks/src/validate-data.cli.ts <controls|framework> <file.json>
import { readFileSync } from 'node:fs';
import { controlSchema, frameworkSchema } from './framework.schema';

const [kind, file] = process.argv.slice(2);
if ((kind !== 'controls' && kind !== 'framework') || !file) {
  process.stderr.write('usage: validate-data.cli.ts <controls|framework> <file.json>\n');
  process.exit(2);
}
const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
const result = kind === 'controls' ? controlSchema.array().safeParse(data) : frameworkSchema.safeParse(data);
if (result.success) {
  process.stdout.write(`${file}: valid\n`);
} else {
  for (const issue of result.error.issues) process.stdout.write(`${issue.path.join('.')}: ${issue.message}\n`);
  process.exit(1);
}
