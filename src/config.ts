import path from 'node:path';
import {
  DEFAULT_WEIGHTS,
  weightsFrom,
  type MatchWeights,
} from './modules/matching/matching.weights.js';
import { z } from 'zod';
import { LANGUAGES, type Language } from './platform/i18n/languages.js';

/**
 * The only reader of process.env. Development gets safe defaults; production refuses to start
 * without the secrets and names each one that is missing.
 */

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // The owner of the tables, for migrations; DATABASE_URL is then the application's own role,
  // which may only insert into and read the audit trail (docs/security.md).
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/,
      'must be a comma-separated list of keyId:base64-encoded 32-byte keys',
    )
    .optional(),
  LOOKUP_HASH_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=]{43,44}$/, 'must be a base64-encoded 32-byte key')
    .optional(),
  // Ed25519 seed that signs the audit chain's anchors (ADR 4); derived from LOOKUP_HASH_KEY
  // when unset.
  AUDIT_ANCHOR_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=]{43,44}$/, 'must be a base64-encoded 32-byte key')
    .optional(),
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  // The statistics' cell-key secret (docs/statistics.md, ADR 15): base64 of 32 or more bytes.
  // Never rotated in normal operation: a new secret changes every published figure at once.
  STATISTICS_CELL_KEY_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9+/=]{43,}$/, 'must be base64 of at least 32 random bytes')
    .optional(),
  PUBLIC_URL: z.url({ message: 'must be a URL such as https://corridor.example.org' }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Corridor <no-reply@localhost>'),
  // A generic HTTP SMS gateway: JSON POST {to, text} with a bearer token (src/platform/sms).
  SMS_GATEWAY_URL: z
    .url({ message: 'must be a URL such as https://sms.example.org/send' })
    .optional(),
  SMS_GATEWAY_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  SMS_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  // Matching (docs/matching.md): weights as JSON (any subset of the defaults), and where the
  // index lives ('worker': a worker thread; 'inline': this thread, for small tools and tests).
  MATCHING_WEIGHTS: z.string().max(4000).optional(),
  MATCHING_INDEX: z.enum(['worker', 'inline']).default('worker'),
  // Worker threads for matching, each with the whole index (ADR 17).
  MATCHING_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('en'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  GUIDE_VERIFY_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
});

export type Environment = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  dataDir: string;
  database:
    | { kind: 'pglite'; dataDir: string }
    /** ownerUrl: the tables' owner, for migrations, when `url` is the application's role. */
    | { kind: 'postgres'; url: string; ownerUrl?: string };
  sessionSecret: string;
  encryptionKeys: string;
  /** HMAC key for exact lookups of encrypted values; unlike encryption keys it never rotates. */
  lookupHashKey: string;
  /** Base64 of the statistics' cell-key secret (parsed by the statistics module at start). */
  statisticsCellKeySecret: string;
  /** The audit chain's anchors: their signing key (unset: derived) and their file. */
  auditAnchorKey: string | undefined;
  auditAnchorFile: string;
  /** The address people reach Corridor at, for links in emails. */
  publicUrl: string;
  /** SMTP server for email; without one, email goes to the development outbox and the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The SMS gateway; without one, text messages stay in the development outbox and the log. */
  sms: { gatewayUrl: string | undefined; gatewayToken: string | undefined; timeoutMs: number };
  /** Matching's weights and where its index lives (docs/matching.md). */
  matching: { weights: MatchWeights; index: 'worker' | 'inline'; workers: number };
  session: { idleMinutes: number; absoluteHours: number };
  logLevel: string;
  defaultLanguage: Language;
  trustProxy: boolean;
  shutdownGraceMs: number;
  /** A country guide not verified within this many days is flagged to editors and readers. */
  guideVerifyDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Corridor cannot start: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

// Development-only values: printed nowhere, refused in production.
const DEV_SESSION_SECRET = 'development-session-secret-do-not-use-in-production';
const DEV_ENCRYPTION_KEYS = 'dev1:' + Buffer.alloc(32, 7).toString('base64');
const DEV_LOOKUP_HASH_KEY = Buffer.alloc(32, 9).toString('base64');
const DEV_STATISTICS_SECRET = Buffer.alloc(32, 11).toString('base64');

/** The process's environment: the one place that reads process.env. */
export function processEnvironment(): Environment {
  return process.env;
}

export function loadConfig(environment: Environment = processEnvironment()): Config {
  // An empty variable (`DATABASE_URL=` in a .env file) means "not set".
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.NODE_ENV === 'production') {
    if (!env.SESSION_SECRET) problems.push('SESSION_SECRET is required in production');
    if (!env.ENCRYPTION_KEYS) problems.push('ENCRYPTION_KEYS is required in production');
    if (!env.LOOKUP_HASH_KEY) problems.push('LOOKUP_HASH_KEY is required in production');
    if (!env.PUBLIC_URL) problems.push('PUBLIC_URL is required in production');
    if (!env.STATISTICS_CELL_KEY_SECRET) {
      problems.push('STATISTICS_CELL_KEY_SECRET is required in production');
    }
  }
  if (env.SMS_GATEWAY_TOKEN && !env.SMS_GATEWAY_URL) {
    problems.push('SMS_GATEWAY_TOKEN is set without SMS_GATEWAY_URL');
  }
  let weights = DEFAULT_WEIGHTS;
  try {
    weights = weightsFrom(env.MATCHING_WEIGHTS);
  } catch (error) {
    problems.push(`MATCHING_WEIGHTS is not valid: ${error instanceof Error ? error.message : ''}`);
  }
  if (env.DATABASE_OWNER_URL && !env.DATABASE_URL) {
    problems.push('DATABASE_OWNER_URL is set without DATABASE_URL (the application role)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          ...(env.DATABASE_OWNER_URL ? { ownerUrl: env.DATABASE_OWNER_URL } : {}),
        }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    sessionSecret: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    encryptionKeys: env.ENCRYPTION_KEYS ?? DEV_ENCRYPTION_KEYS,
    lookupHashKey: env.LOOKUP_HASH_KEY ?? DEV_LOOKUP_HASH_KEY,
    statisticsCellKeySecret: env.STATISTICS_CELL_KEY_SECRET ?? DEV_STATISTICS_SECRET,
    auditAnchorKey: env.AUDIT_ANCHOR_KEY,
    auditAnchorFile: path.resolve(
      env.AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit-anchors.jsonl'),
    ),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    sms: {
      gatewayUrl: env.SMS_GATEWAY_URL,
      gatewayToken: env.SMS_GATEWAY_TOKEN,
      timeoutMs: env.SMS_GATEWAY_TIMEOUT_MS,
    },
    matching: { weights, index: env.MATCHING_INDEX, workers: env.MATCHING_WORKERS },
    session: { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS },
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    defaultLanguage: env.DEFAULT_LANGUAGE,
    trustProxy: env.TRUST_PROXY === 'true',
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    guideVerifyDays: env.GUIDE_VERIFY_DAYS,
  };
}
