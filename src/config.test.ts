import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const key = 'k1:' + Buffer.alloc(32, 1).toString('base64');

describe('loadConfig', () => {
  it('has safe development defaults: PGlite under ./data, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/corridor' });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@localhost:5432/corridor',
    });
  });

  it('refuses to start in production without secrets, naming each one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'ENCRYPTION_KEYS is required in production',
        'LOOKUP_HASH_KEY is required in production',
        'PUBLIC_URL is required in production',
        'STATISTICS_CELL_KEY_SECRET is required in production',
      ]);
    }
    expect(
      loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: 'x'.repeat(40),
        ENCRYPTION_KEYS: key,
        LOOKUP_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
        STATISTICS_CELL_KEY_SECRET: Buffer.alloc(32, 6).toString('base64'),
        PUBLIC_URL: 'https://corridor.example.org',
      }).env,
    ).toBe('production');
  });

  it('names invalid values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ENCRYPTION_KEYS: 'short' })).toThrow(/ENCRYPTION_KEYS/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
  });
});
