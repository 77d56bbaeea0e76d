import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { FieldCipher } from './field-cipher.js';
import { RotationError, rotateEncryptedColumns, type EncryptedColumn } from './rotate.js';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const lookupHashKey = key(9);
const oldCipher = FieldCipher.fromConfig({ encryptionKeys: `old_1:${key(1)}`, lookupHashKey });
const cipher = FieldCipher.fromConfig({
  encryptionKeys: `new_2:${key(2)},old_1:${key(1)}`,
  lookupHashKey,
});

interface ProbeTables {
  rotation_probe: { id: number; document_number: string | null; note: string | null };
  rotation_probe_uuid: { id: string; secret: string };
}

const columns: EncryptedColumn[] = [
  {
    table: 'rotation_probe',
    idColumn: 'id',
    column: 'document_number',
    context: 'probe.document_number',
  },
  { table: 'rotation_probe', idColumn: 'id', column: 'note', context: 'probe.note' },
  { table: 'rotation_probe_uuid', idColumn: 'id', column: 'secret', context: 'probe.secret' },
];

describe('rotateEncryptedColumns', () => {
  let database: TestDatabase;
  let db: Kysely<ProbeTables>;
  const plaintexts = new Map<number, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.kysely as unknown as Kysely<ProbeTables>;
    await sql`create table rotation_probe (
      id bigint generated always as identity primary key,
      document_number text null,
      note text null
    )`.execute(db);
    await sql`create table rotation_probe_uuid (
      id uuid primary key default gen_random_uuid(),
      secret text not null
    )`.execute(db);
    // 23 rows: a third under the current key already, a few with nothing encrypted.
    for (let index = 0; index < 23; index++) {
      const number = `P${String(index).padStart(7, '0')} – جواز 护照`;
      const writer = index % 3 === 0 ? cipher : oldCipher;
      const row = await db
        .insertInto('rotation_probe')
        .values({
          document_number: index % 5 === 4 ? null : writer.encrypt(number, 'probe.document_number'),
          note: oldCipher.encrypt(`note ${index}`, 'probe.note'),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      plaintexts.set(row.id, number);
    }
    for (let index = 0; index < 5; index++) {
      await db
        .insertInto('rotation_probe_uuid')
        .values({ secret: oldCipher.encrypt(`secret ${index}`, 'probe.secret') } as never)
        .execute();
    }
  });
  afterAll(async () => database.close());

  it('re-encrypts, in batches, every value under an old key and nothing else', async () => {
    const results = await rotateEncryptedColumns(
      db as unknown as Kysely<unknown>,
      cipher,
      columns,
      {
        batchSize: 4,
      },
    );
    // document_number: 23 rows, minus 8 already current (0, 3, … 21), minus 4 null (4, 9, 14, 19)
    // of which one (9) was also a multiple of 3.
    expect(results).toEqual([
      { table: 'rotation_probe', column: 'document_number', rotated: 23 - 8 - 4 + 1 },
      { table: 'rotation_probe', column: 'note', rotated: 23 },
      { table: 'rotation_probe_uuid', column: 'secret', rotated: 5 },
    ]);

    const rows = await db.selectFrom('rotation_probe').selectAll().orderBy('id').execute();
    for (const row of rows) {
      if (row.document_number !== null) {
        expect(cipher.needsRotation(row.document_number)).toBe(false);
        expect(cipher.decrypt(row.document_number, 'probe.document_number')).toBe(
          plaintexts.get(row.id),
        );
      }
      expect(cipher.keyIdOf(row.note!)).toBe('new_2');
    }
    const uuids = await db.selectFrom('rotation_probe_uuid').select('secret').execute();
    expect(uuids.map((row) => cipher.decrypt(row.secret, 'probe.secret')).sort()).toEqual([
      'secret 0',
      'secret 1',
      'secret 2',
      'secret 3',
      'secret 4',
    ]);
  });

  it('finds nothing to do the second time', async () => {
    const results = await rotateEncryptedColumns(db as unknown as Kysely<unknown>, cipher, columns);
    expect(results.map((result) => result.rotated)).toEqual([0, 0, 0]);
  });

  it('stops at a value no configured key can read, naming the row and not the value', async () => {
    const stranger = FieldCipher.fromConfig({ encryptionKeys: `lost:${key(7)}`, lookupHashKey });
    const row = await db
      .insertInto('rotation_probe')
      .values({
        document_number: stranger.encrypt('X1', 'probe.document_number'),
        note: null,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const oldRow = await db
      .insertInto('rotation_probe')
      .values({
        document_number: oldCipher.encrypt('X0', 'probe.document_number'),
        note: null,
      } as never)
      .returning(['id', 'document_number'])
      .executeTakeFirstOrThrow();

    const attempt = rotateEncryptedColumns(
      db as unknown as Kysely<unknown>,
      cipher,
      columns.slice(0, 1),
    );
    await expect(attempt).rejects.toThrow(RotationError);
    await expect(attempt).rejects.toThrow(
      `Cannot rotate rotation_probe.document_number of row ${row.id}: unknown key`,
    );
    // The failed batch rolled back: the row after the bad one is untouched.
    const after = await db
      .selectFrom('rotation_probe')
      .select('document_number')
      .where('id', '=', oldRow.id)
      .executeTakeFirstOrThrow();
    expect(after.document_number).toBe(oldRow.document_number);
  });

  it.each([
    { table: 'rotation_probe; drop table app_user', idColumn: 'id', column: 'note', context: 'x' },
    { table: 'rotation_probe', idColumn: 'Id', column: 'note', context: 'x' },
    { table: 'public.rotation_probe', idColumn: 'id', column: 'note', context: 'x' },
    { table: 'rotation_probe', idColumn: 'id', column: 'note as id', context: 'x' },
    { table: 'a'.repeat(64), idColumn: 'id', column: 'note', context: 'x' },
  ])('refuses the identifier in $table.$idColumn.$column', async (column) => {
    await expect(
      rotateEncryptedColumns(db as unknown as Kysely<unknown>, cipher, [column]),
    ).rejects.toThrow(RangeError);
  });
});
