import { getRegistry } from '@astrolabe/registry';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runCheckCommand } from './check-command';

function keyValue(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

const program = new Command('astrolabe').description('Astrolabe: collect evidence and run compliance checks').showHelpAfterError();

program
  .command('check')
  .description('Collect evidence with a connector and run its checks locally (no server, no database)')
  .argument('<connector>', 'connector id, e.g. aws-iam')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
  .option('--only <checkId...>', 'run only these checks')
  .option('-c, --config <key=value>', 'connector configuration, e.g. --config region=eu-west-1 (repeatable)', keyValue, {})
  .option('--org <organization>', 'the organization to read (github), same as --config organization=<org>')
  .action(async (connectorId: string, opts: { format: 'table' | 'json'; only?: string[]; config: Record<string, string>; org?: string }) => {
    const config = opts.org ? { ...opts.config, organization: opts.org } : opts.config;
    const code = await runCheckCommand(getRegistry(), connectorId, { ...opts, config }, {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      isTty: Boolean(process.stderr.isTTY),
      now: () => new Date(),
    });
    process.exitCode = code;
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`astrolabe: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
