import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCRYPTED_COLUMNS } from '../../src/encrypted-columns.js';
import { DEMO_TOTP_SECRET } from '../../src/modules/demo/demo.data.js';
import { FieldCipher } from '../../src/platform/crypto/field-cipher.js';
import { rotateEncryptedColumns } from '../../src/platform/crypto/rotate.js';
import { seed } from '../../src/seed.js';
import { testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
const config = testConfig();

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.kysely, { demo: true, config });
});
afterAll(async () => database.close());

/** Every row of every table as text, the way a stolen backup would read. */
async function rawDump(): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not in ('occupation_label', 'skill_label', 'occupation_skill', 'esco_skill', 'esco_occupation')`.execute(
    database.kysely,
  );
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`select t::text as row from ${sql.table(table_name)} t`.execute(database.kysely);
    parts.push(...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('field encryption at rest', () => {
  it('leaves no plaintext two-factor secret in any table', async () => {
    const dump = await rawDump();
    expect(dump).toContain('app_user');
    expect(dump).not.toContain(DEMO_TOTP_SECRET);
    const stored = await database.kysely
      .selectFrom('app_user')
      .select('totp_secret_encrypted')
      .where('totp_secret_encrypted', 'is not', null)
      .execute();
    expect(stored.length).toBe(9);
    const cipher = FieldCipher.fromConfig(config);
    expect(cipher.decrypt(stored[0]!.totp_secret_encrypted!, 'app_user.totp_secret')).toBe(
      DEMO_TOTP_SECRET,
    );
  });

  it('re-encrypts every registered column under a new key, and the old key can then go', async () => {
    const newKey = 'k2:' + Buffer.alloc(32, 42).toString('base64');
    const both = FieldCipher.fromConfig({
      ...config,
      encryptionKeys: `${newKey},${config.encryptionKeys}`,
    });
    const results = await rotateEncryptedColumns(
      database.kysely as unknown as Kysely<unknown>,
      both,
      ENCRYPTED_COLUMNS,
    );
    expect(results).toEqual([
      { table: 'app_user', column: 'totp_secret_encrypted', rotated: 9 },
      { table: 'assisted_registration', column: 'claim_code_encrypted', rotated: 0 },
      { table: 'identity_document', column: 'number_encrypted', rotated: 0 },
      { table: 'document', column: 'key_encrypted', rotated: 0 },
    ]);
    const again = await rotateEncryptedColumns(
      database.kysely as unknown as Kysely<unknown>,
      both,
      ENCRYPTED_COLUMNS,
    );
    expect(again[0]!.rotated).toBe(0);
    const onlyNew = FieldCipher.fromConfig({ ...config, encryptionKeys: newKey });
    const stored = await database.kysely
      .selectFrom('app_user')
      .select('totp_secret_encrypted')
      .where('totp_secret_encrypted', 'is not', null)
      .execute();
    for (const row of stored) {
      expect(onlyNew.decrypt(row.totp_secret_encrypted!, 'app_user.totp_secret')).toBe(
        DEMO_TOTP_SECRET,
      );
    }
  });
});
