import { Command, CommanderError } from 'commander';
import closeWithGrace from 'close-with-grace';
import {
  ConfigError,
  loadConfig,
  processEnvironment,
  type Config,
  type Environment,
} from './config.js';
import type { Database } from './database.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { openConfiguredDatabase, startServer } from './main.js';
import { describeDemoAccounts } from './modules/demo/demo.print.js';
import type { Kysely } from 'kysely';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.js';
import { AuditLog, describeVerification } from './platform/audit/audit.js';
import { AuditAnchors } from './platform/audit/audit.anchors.js';
import { AuditRoleError, asOwner } from './platform/audit/audit.role.repository.js';
import { FieldCipher } from './platform/crypto/field-cipher.js';
import { RotationError, rotateEncryptedColumns } from './platform/crypto/rotate.js';
import { MigrationError, migrateToLatest } from './platform/db/migrate.js';
import { buildAssets } from './platform/views/asset-build.js';
import { seed } from './seed.js';
import { GenerateError } from './devtools/generate/generate.js';
import { generateIntoDatabase, parseCount, parseSeed } from './devtools/generate/run.js';
import { generateSeekersIntoDatabase, parseSeekerCount } from './devtools/generate/seekers.js';
import { createServices } from './services.js';
import { Translator } from './platform/i18n/translator.js';
import { ValidationError } from './platform/http/problem.js';
import { VERSION } from './version.js';

const englishMessage = (key: string) => new Translator().translate('en', key);

/**
 * The `corridor` command. Every failure is explained in plain words on stderr with a non-zero
 * exit code; stack traces only with --verbose.
 */
export function buildProgram(environment: Environment = processEnvironment()): Command {
  const program = new Command('corridor')
    .description('Corridor, the open labour migration information system')
    .version(VERSION, '-v, --version', 'print the version')
    .option('--verbose', 'show full error details')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description(
      'migrate the database, load reference and demo data, and serve the web application',
    )
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('-H, --host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const started = performance.now();
      const config = loadConfig({
        ...environment,
        ...(options.port ? { PORT: options.port } : {}),
        ...(options.host ? { HOST: options.host } : {}),
      });
      // `npm start`: stylesheets built here when their sources changed (the same process, so
      // that stopping npm stops everything).
      if (config.env === 'development') {
        const assets = await buildAssets();
        console.log(
          `assets: ${assets.built ? `${assets.files} files built` : 'up to date'} (${(assets.ms / 1000).toFixed(1)} s)`,
        );
      }
      const server = await startServer(config, { progress: (line) => console.log(line) });
      if (server.demoSeeded) console.log(describeDemoAccounts());
      // Whether an acknowledged change survives a power cut (ADR 13), a warning when not.
      const durability = await server.database.durability();
      (durability.durable ? console.log : console.warn)(durability.description);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Corridor is running at ${server.url} (ready in ${seconds} s). Press Ctrl+C to stop.`,
      );
      closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
        if (err) console.error(`Stopping after an unexpected error: ${err.message}`);
        else
          console.log(`Received ${String(signal)}: finishing requests in progress, then stopping.`);
        await server.close();
      });
    });

  program
    .command('migrate')
    .description('apply every pending database migration')
    .action(async () => {
      const config = loadConfig(environment);
      const database = await openConfiguredDatabase(config);
      try {
        // As the owner when DATABASE_OWNER_URL is set; then the app's role is granted.
        const applied = await asOwner(config.database, database.kysely, migrateToLatest);
        console.log(
          applied.length === 0
            ? 'The database is up to date.'
            : `Applied ${applied.length} migration(s): ${applied.join(', ')}`,
        );
      } finally {
        await database.close();
      }
    });

  program
    .command('seed')
    .description('load reference data, and demo data unless --no-demo (never in production)')
    .option('--no-demo', 'load reference data only')
    .action(async (options: { demo: boolean }) => {
      const config = loadConfig(environment);
      if (options.demo && config.env === 'production') {
        throw new CliError('Demo data cannot be loaded in production. Use --no-demo.');
      }
      const database = await openConfiguredDatabase(config);
      try {
        const report = await asOwner(config.database, database.kysely, async (db) => {
          await migrateToLatest(db);
          return seed(db, options.demo ? { demo: true, config } : { demo: false });
        });
        console.log(JSON.stringify(report, null, 2));
      } finally {
        await database.close();
      }
    });

  program
    .command('keys')
    .description('manage encryption keys')
    .command('rotate')
    .description('re-encrypt every encrypted value under the first key of ENCRYPTION_KEYS')
    .action(async () => {
      const config = loadConfig(environment);
      const database = await openConfiguredDatabase(config);
      try {
        const cipher = FieldCipher.fromConfig(config);
        const results = await rotateEncryptedColumns(
          database.kysely as unknown as Kysely<unknown>,
          cipher,
          ENCRYPTED_COLUMNS,
        );
        for (const result of results) {
          console.log(
            `${result.table}.${result.column}: ${result.rotated} value(s) re-encrypted under key "${cipher.currentKeyId}".`,
          );
        }
        console.log('Done. Keys other than the first can now be removed from ENCRYPTION_KEYS.');
      } finally {
        await database.close();
      }
    });

  program
    .command('users')
    .description('manage accounts from the command line')
    .command('create-admin')
    .description('create a system administrator, who is emailed a link to choose a password')
    .requiredOption('--email <email>', 'their email address')
    .requiredOption('--name <name>', 'their full name, in any script')
    .action(async (options: { email: string; name: string }) => {
      const config = loadConfig(environment);
      const database = await openConfiguredDatabase(config);
      try {
        await migrateToLatest(database.kysely);
        const services = createServices({ db: database.kysely, config });
        await services.accounts.accounts.createSystemAdministrator({
          email: options.email,
          fullName: options.name,
        });
        console.log(
          `Created a system administrator for ${options.email.trim().toLowerCase()}. A link to choose a password has been emailed` +
            (config.smtpUrl
              ? '.'
              : ' (no SMTP_URL is set: see /dev/outbox in development, or the log).'),
        );
      } finally {
        await database.close();
      }
    });

  const generate = program
    .command('generate')
    .description('write synthetic data for benchmarks and trials (never in production)');
  /**
   * What both generators share: refused in production, the database migrated and seeded, a
   * progress line per batch, and the report's one line.
   */
  const generateSynthetic = async (
    what: string,
    count: number,
    write: (
      database: DatabaseHandle<Database>,
      options: {
        url?: string;
        count: number;
        onProgress: (progress: { written: number; seconds: number }) => void;
      },
    ) => Promise<string>,
  ) => {
    const config = loadConfig(environment);
    if (config.env === 'production') {
      throw new CliError(`Synthetic ${what} are never generated in production.`);
    }
    const database = await openConfiguredDatabase(config);
    try {
      await migrateToLatest(database.kysely);
      await seed(database.kysely, { demo: false });
      const summary = await write(database, {
        ...(config.database.kind === 'postgres' ? { url: config.database.url } : {}),
        count,
        onProgress: ({ written, seconds }) =>
          console.log(
            `  ${written.toLocaleString('en')} of ${count.toLocaleString('en')} written (${seconds.toFixed(1)} s)`,
          ),
      });
      console.log(summary);
    } finally {
      await database.close();
    }
  };
  const totalRows = (rows: Record<string, number>) =>
    Object.values(rows)
      .reduce((sum, n) => sum + n, 0)
      .toLocaleString('en');

  generate
    .command('vacancies')
    .description(
      'write N realistic synthetic job orders with their history (COPY, in batches); the same seed gives the same vacancies',
    )
    .requiredOption('--count <n>', 'how many vacancies, from 1 to 10,000,000')
    .option('--seed <s>', 'seed of the random draws, a whole number', '1')
    .action(async (options: { count: string; seed: string }) => {
      const count = parseCount(options.count);
      const randomSeed = parseSeed(options.seed);
      await generateSynthetic('vacancies', count, async (database, run) => {
        const report = await generateIntoDatabase(database, { ...run, seed: randomSeed });
        return `Generated ${report.vacancies.toLocaleString('en')} vacancies (${totalRows(report.rows)} rows with their skills, languages, history and filled positions) in ${report.seconds.toFixed(1)} s: ${report.vacanciesPerSecond.toLocaleString('en')} vacancies/s.`;
      });
    });

  generate
    .command('seekers')
    .description(
      'write N realistic synthetic job seekers (accounts, profiles in their own scripts, education, experience, occupations, languages) by COPY in batches; the same seed gives the same people',
    )
    .requiredOption('--count <n>', 'how many job seekers, from 1 to 1,000,000')
    .option('--seed <s>', 'seed of the random draws, a whole number', '1')
    .action(async (options: { count: string; seed: string }) => {
      const count = parseSeekerCount(options.count);
      const randomSeed = parseSeed(options.seed);
      await generateSynthetic('job seekers', count, async (database, run) => {
        const report = await generateSeekersIntoDatabase(database, { ...run, seed: randomSeed });
        return `Generated ${report.seekers.toLocaleString('en')} job seekers (${totalRows(report.rows)} rows with their accounts, roles, education, experience, occupations, skills, languages and destinations) in ${report.seconds.toFixed(1)} s: ${report.seekersPerSecond.toLocaleString('en')} seekers/s.`;
      });
    });

  const audit = program.command('audit').description('check and anchor the audit trail');
  const anchorsOf = (config: Config, database: DatabaseHandle<Database>) =>
    AuditAnchors.fromConfig(new AuditLog(database.kysely), config);
  audit
    .command('verify')
    .description(
      'check that no audit event has been changed or deleted: the hash chain, against every anchor in AUDIT_ANCHOR_FILE; list missing ids',
    )
    .action(async () => {
      const config = loadConfig(environment);
      const database = await openConfiguredDatabase(config);
      try {
        const result = await anchorsOf(config, database).verify();
        if (!result.ok) throw new CliError(describeVerification(result));
        console.log(describeVerification(result));
      } finally {
        await database.close();
      }
    });
  audit
    .command('anchor')
    .description(
      'record the chain head (last id, hash, count), signed, in AUDIT_ANCHOR_FILE, after checking the chain still extends the last anchor',
    )
    .action(async () => {
      const config = loadConfig(environment);
      const database = await openConfiguredDatabase(config);
      try {
        const anchors = anchorsOf(config, database);
        const outcome = await anchors.anchor();
        if (!outcome.anchored && outcome.reason === 'broken') {
          throw new CliError(`Not anchored: ${describeVerification(outcome.verification)}`);
        }
        console.log(
          outcome.anchored
            ? `Anchored event #${outcome.anchor.lastId} (${outcome.anchor.count} events, hash ${outcome.anchor.lastHash}) in ${anchors.file.filePath}.`
            : outcome.reason === 'empty'
              ? 'The audit trail has no events yet: nothing to anchor.'
              : `Nothing new: the last anchor already holds event #${outcome.anchor?.lastId ?? '?'}.`,
        );
        console.log(
          `Public key (key id ${anchors.file.keyId}):\n${anchors.file.publicKeyPem.trim()}`,
        );
      } finally {
        await database.close();
      }
    });

  return program;
}

export class CliError extends Error {}

/** Words a person can act on, for the errors we know how to explain. */
export function explain(error: unknown): string {
  if (error instanceof ConfigError) return `${error.message}.\nSee .env.example for every setting.`;
  if (error instanceof MigrationError) return error.message;
  if (error instanceof RotationError) return error.message;
  if (error instanceof CliError) return error.message;
  if (error instanceof AuditRoleError) return error.message;
  if (error instanceof GenerateError) return error.message;
  if (error instanceof ValidationError) {
    return `Not done: ${error.fields.map((field) => `${field.pointer.slice(1)} – ${englishMessage(field.detail)}`).join('; ')}`;
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE')
    return 'The port is already in use. Stop the other program or choose another port with --port.';
  if (code === 'EACCES')
    return 'Permission denied. Choose a port above 1024 or check the data directory permissions.';
  if (code === 'ECONNREFUSED')
    return 'Cannot reach the PostgreSQL server in DATABASE_URL. Is it running?';
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

export async function run(
  argv: string[],
  environment: Environment = processEnvironment(),
): Promise<number> {
  const program = buildProgram(environment);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or its own message.
      return error.exitCode;
    }
    console.error(explain(error));
    if (argv.includes('--verbose') && error instanceof Error) console.error(error.stack);
    return 1;
  }
}
