import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from './cli.js';

let output: string[] = [];
beforeEach(() => {
  output = [];
  const capture = (...args: unknown[]) => void output.push(args.join(' '));
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk) => (output.push(String(chunk)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk) => (output.push(String(chunk)), true),
  );
});
afterEach(() => vi.restoreAllMocks());

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

describe('corridor command', () => {
  it.each(['serve', 'migrate', 'seed'])('%s --help explains the command', async (command) => {
    expect(await run([command, '--help'], {})).toBe(0);
    expect(output.join('')).toMatch(new RegExp(`Usage: corridor ${command}`));
  });

  it('lists the commands with --help', async () => {
    expect(await run(['--help'], {})).toBe(0);
    const text = output.join('');
    for (const command of ['serve', 'migrate', 'seed']) expect(text).toContain(command);
  });

  it('explains an unknown command and exits non-zero', async () => {
    expect(await run(['frobnicate'], {})).not.toBe(0);
    expect(output.join('')).toMatch(/unknown command 'frobnicate'/);
  });

  it('explains bad configuration in plain words, without a stack trace', async () => {
    expect(await run(['migrate'], { PORT: 'eighty' })).toBe(1);
    expect(output.join('\n')).toMatch(/Corridor cannot start: PORT/);
    expect(output.join('\n')).not.toMatch(/at .*\.ts:\d+/);
    expect(await run(['serve'], { NODE_ENV: 'production' })).toBe(1);
    expect(output.join('\n')).toMatch(
      /SESSION_SECRET is required in production; ENCRYPTION_KEYS is required/,
    );
  });

  it('refuses demo data in production', async () => {
    const env = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEYS: 'k1:' + Buffer.alloc(32, 3).toString('base64'),
      LOOKUP_HASH_KEY: Buffer.alloc(32, 4).toString('base64'),
      STATISTICS_CELL_KEY_SECRET: Buffer.alloc(32, 6).toString('base64'),
      PUBLIC_URL: 'https://corridor.example.org',
    };
    expect(await run(['seed'], env)).toBe(1);
    expect(output.join('\n')).toMatch(/Demo data cannot be loaded in production/);
  });

  it('migrates a new PGlite database, then finds it up to date', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-cli-'));
    dirs.push(dir);
    const env = { DATA_DIR: dir, NODE_ENV: 'test' };
    expect(await run(['migrate'], env)).toBe(0);
    expect(output.join('\n')).toMatch(/Applied \d+ migration/);
    output = [];
    expect(await run(['migrate'], env)).toBe(0);
    expect(output.join('\n')).toMatch(/up to date/);
  });

  it('creates the first system administrator, verifies and anchors the audit chain, and rotates keys', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-cli-'));
    dirs.push(dir);
    const env = { DATA_DIR: dir, NODE_ENV: 'test' };
    expect(
      await run(['users', 'create-admin', '--email', 'Chief@Example.org', '--name', 'Amara'], env),
    ).toBe(0);
    expect(output.join('\n')).toMatch(/Created a system administrator for chief@example.org/);
    expect(
      await run(['users', 'create-admin', '--email', 'chief@example.org', '--name', 'Again'], env),
    ).toBe(1);
    expect(output.join('\n')).toMatch(/Not done: email – There is already an account/);
    output = [];
    expect(await run(['audit', 'verify'], env)).toBe(0);
    expect(output.join('\n')).toMatch(/Audit chain intact: \d+ events/);
    expect(output.join('\n')).toMatch(/No anchor yet/);
    output = [];
    expect(await run(['audit', 'anchor'], env)).toBe(0);
    expect(output.join('\n')).toMatch(
      /Anchored event #\d+ \(\d+ events, hash [0-9a-f]{64}\) in .*audit-anchors\.jsonl/,
    );
    expect(await fs.readFile(path.join(dir, 'audit-anchors.jsonl'), 'utf8')).toMatch(/"v":1/);
    output = [];
    expect(await run(['audit', 'verify'], env)).toBe(0);
    expect(output.join('\n')).toMatch(/Checked against 1 anchor\(s\)/);
    output = [];
    const rotated = {
      ...env,
      ENCRYPTION_KEYS: `k9:${Buffer.alloc(32, 9).toString('base64')},dev1:${Buffer.alloc(32, 7).toString('base64')}`,
    };
    expect(await run(['keys', 'rotate'], rotated)).toBe(0);
    expect(output.join('\n')).toMatch(
      /app_user.totp_secret_encrypted: 0 value\(s\) re-encrypted under key "k9"/,
    );
  }, 120_000);
});
