import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { AnchorFile, AnchorSigner, AuditAnchors } from './audit.anchors.js';
import { AuditLog, SYSTEM_ACTOR, describeVerification, type AuditVerification } from './audit.js';
import { eventHash } from './audit.chain.js';
import type { AuditTables } from './audit.tables.js';

/**
 * The three attacks of the table's owner that the chain alone cannot show (issue 11): deleting
 * the newest events, emptying the table, and rewriting an event and re-hashing every event
 * after it. Each is run as the owner, triggers off, in a transaction rolled back afterwards;
 * the chain alone still passes, the check against the anchors does not.
 */

let database: TestDatabase;
let db: Kysely<AuditTables>;
let log: AuditLog;
let directory: string;
let file: AnchorFile;
let anchors: AuditAnchors;
const signer = AnchorSigner.fromSeed(Buffer.alloc(32, 5));

async function record(count: number) {
  for (let index = 0; index < count; index++) {
    await log.record(db, {
      action: 'vacancy.published',
      actor: SYSTEM_ACTOR,
      subjectType: 'vacancy',
      subjectIds: [randomUUID()],
      after: { step: index },
    });
  }
}

async function allIds(): Promise<number[]> {
  const rows = await db.selectFrom('audit_event').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

class RolledBack extends Error {}

/** Damages the trail as its owner could, then checks it with and without the anchors. */
async function afterAttack(attack: (trx: Kysely<AuditTables>) => Promise<unknown>) {
  let plain: AuditVerification | undefined;
  let anchored: AuditVerification | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`alter table audit_event disable trigger user`.execute(trx);
      await attack(trx);
      await sql`alter table audit_event enable trigger user`.execute(trx);
      plain = await new AuditLog(trx).verify({ batchSize: 3 });
      anchored = await new AuditAnchors(new AuditLog(trx), file).verify();
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  if (!plain || !anchored) throw new Error('verify did not run');
  return { plain, anchored };
}

/** Every event after `fromId` re-hashed in order, as someone covering an edit would. */
async function rehashFrom(trx: Kysely<AuditTables>, fromId: number) {
  const rows = await trx
    .selectFrom('audit_event')
    .selectAll()
    .where('id', '>=', fromId)
    .orderBy('id')
    .execute();
  let prevHash: string | undefined;
  for (const row of rows) {
    const prev = prevHash ?? row.prev_hash;
    const hash = eventHash(prev, row);
    await sql`update audit_event set prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`.execute(
      trx,
    );
    prevHash = hash;
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.kysely;
  log = new AuditLog(db);
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-anchors-'));
  file = new AnchorFile(path.join(directory, 'audit-anchors.jsonl'), signer);
  anchors = new AuditAnchors(log, file);
  await record(6);
  const first = await anchors.anchor();
  expect(first).toMatchObject({ anchored: true });
});

afterAll(async () => {
  await database?.close();
  await fs.rm(directory, { recursive: true, force: true });
});

afterEach(async () => {
  // Each attack was rolled back: the trail and its anchors agree again.
  expect(await anchors.verify()).toMatchObject({ ok: true });
});

describe('anchors', () => {
  it('anchors the head once, signed, and not again while it is unchanged', async () => {
    const ids = await allIds();
    const { anchors: written, problems } = await file.read();
    expect(problems).toEqual([]);
    expect(written.at(-1)).toMatchObject({ v: 1, lastId: ids.at(-1), count: ids.length });
    expect(await anchors.anchor()).toMatchObject({ anchored: false, reason: 'unchanged' });
    await record(2);
    const second = await anchors.anchor();
    expect(second).toMatchObject({ anchored: true, anchor: { count: ids.length + 2 } });
    const lines = (await file.text()).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(second.anchored && second.anchor.previous).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects deleting the newest events, which the chain alone does not', async () => {
    const ids = await allIds();
    const { plain, anchored } = await afterAttack((trx) =>
      sql`delete from audit_event where id >= ${ids.at(-2)}`.execute(trx),
    );
    expect(plain).toMatchObject({ ok: true, count: ids.length - 2 });
    expect(anchored).toMatchObject({ ok: false, brokenId: ids.at(-1) });
    expect(anchored.ok || anchored.reason).toMatch(/the newest events were deleted/);
  });

  it('detects emptying the table, which the chain alone does not', async () => {
    const { plain, anchored } = await afterAttack((trx) => sql`truncate audit_event`.execute(trx));
    expect(plain).toMatchObject({ ok: true, count: 0 });
    expect(anchored).toMatchObject({ ok: false });
    expect(anchored.ok || anchored.reason).toMatch(/the table was truncated or emptied/);
    expect(describeVerification(anchored)).toMatch(/^Audit chain broken at event #\d+/);
  });

  it('detects rewriting an event and re-hashing the chain, which the chain alone does not', async () => {
    const ids = await allIds();
    const target = ids.at(-4)!;
    const { plain, anchored } = await afterAttack(async (trx) => {
      await sql`update audit_event set purpose = 'covered up' where id = ${target}`.execute(trx);
      await rehashFrom(trx, target);
    });
    expect(plain).toMatchObject({ ok: true, count: ids.length });
    // Named at the first anchored event after the edit.
    expect(anchored).toMatchObject({ ok: false });
    expect(!anchored.ok && anchored.brokenId).toBeGreaterThanOrEqual(target);
    expect(anchored.ok || anchored.reason).toMatch(/rewritten and re-hashed/);
  });

  it('refuses to anchor a chain that no longer extends the last anchor', async () => {
    const ids = await allIds();
    const before = await file.text();
    let outcome: Awaited<ReturnType<AuditAnchors['anchor']>> | undefined;
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table audit_event disable trigger user`.execute(trx);
        await sql`update audit_event set purpose = 'covered up' where id = ${ids.at(-3)}`.execute(
          trx,
        );
        await rehashFrom(trx, ids.at(-3)!);
        await sql`alter table audit_event enable trigger user`.execute(trx);
        outcome = await new AuditAnchors(new AuditLog(trx), file).anchor();
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    expect(outcome).toMatchObject({ anchored: false, reason: 'broken' });
    expect(await file.text()).toBe(before);
  });

  it('reports missing ids left by rolled-back inserts, without calling them breaks', async () => {
    await db
      .transaction()
      .execute(async (trx) => {
        await log.record(trx, {
          action: 'vacancy.published',
          actor: SYSTEM_ACTOR,
          subjectType: 'vacancy',
          subjectIds: ['rolled-back'],
        });
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    await record(1);
    const ids = await allIds();
    const result = await anchors.verify();
    expect(result).toMatchObject({ ok: true, missingIds: 1 });
    expect(result.gaps.at(-1)).toEqual({ from: ids.at(-1)! - 1, to: ids.at(-1)! - 1 });
    expect(describeVerification(result)).toContain('Missing ids: 1');
  });

  it('finds an altered, removed or foreign line in the anchor file', async () => {
    await record(1);
    await anchors.anchor();
    const original = await file.text();
    const lines = original.trim().split('\n');
    try {
      const altered = JSON.parse(lines[0]!) as { count: number };
      altered.count += 1;
      await fs.writeFile(file.filePath, [JSON.stringify(altered), ...lines.slice(1)].join('\n'));
      expect((await file.read()).problems[0]).toMatch(/line 1 does not match its signature/);
      const result = await anchors.verify();
      expect(result).toMatchObject({ ok: false, brokenId: null });

      await fs.writeFile(file.filePath, [lines[0], ...lines.slice(2)].join('\n'));
      expect((await file.read()).problems[0]).toMatch(/anchors were removed or reordered/);

      const other = new AnchorFile(file.filePath, AnchorSigner.fromSeed(Buffer.alloc(32, 6)));
      await fs.writeFile(file.filePath, original);
      expect((await other.read()).problems[0]).toMatch(/signed by another key/);
    } finally {
      await fs.writeFile(file.filePath, original);
    }
  });
});
