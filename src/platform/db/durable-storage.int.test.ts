import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Generated } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from './database.js';
import { memoryFileSystem, pgliteDurability, postgresDurability } from './durable-storage.js';

/**
 * An acknowledged commit on PGlite is on the disk (ADR 13). A file-system shim: every
 * fs.fsyncSync is recorded with the file it flushed (Linux names a descriptor's file in
 * /proc/self/fd), so the test sees each commit flush the write-ahead log before it returns.
 */

interface Tables {
  note: { id: Generated<number>; body: string };
}

const flushed: string[] = [];

function fileOf(fd: number): string {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return `fd ${fd}`;
  }
}

/** Both ways of flushing: fsyncSync (PostgreSQL's own fsync calls), fsync (a new database). */
function recordFlushes() {
  const fsyncSync = fs.fsyncSync.bind(fs);
  const fsync = fs.fsync.bind(fs);
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
    flushed.push(fileOf(fd));
    fsyncSync(fd);
  });
  vi.spyOn(fs, 'fsync').mockImplementation((fd, callback) => {
    flushed.push(fileOf(fd));
    fsync(fd, callback);
  });
}

const isWal = (file: string) => /[/\\]pg_wal[/\\][0-9A-F]{24}$/.test(file);
const canName = process.platform === 'linux';

afterEach(() => {
  vi.restoreAllMocks();
  flushed.length = 0;
});

describe('PGlite on a directory', () => {
  let root: string;
  let dataDir: string;
  let database: DatabaseHandle<Tables>;
  const flushedWhileOpening: string[] = [];

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-durable-'));
    dataDir = path.join(root, 'pglite');
    recordFlushes();
    database = await openDatabase<Tables>({ kind: 'pglite', dataDir });
    flushedWhileOpening.push(...flushed);
    await sql`create table note (id serial primary key, body text not null)`.execute(
      database.kysely,
    );
  });

  afterAll(async () => {
    await database?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('runs PostgreSQL with fsync on, the log flushed with fsync', async () => {
    const { rows } = await sql<{ name: string; setting: string }>`
      select name, setting from pg_settings
      where name in ('fsync', 'wal_sync_method', 'synchronous_commit')
      order by name`.execute(database.kysely);
    expect(rows).toEqual([
      { name: 'fsync', setting: 'on' },
      { name: 'synchronous_commit', setting: 'on' },
      { name: 'wal_sync_method', setting: 'fsync' },
    ]);
  });

  it('flushes the write-ahead log to the disk before each commit is acknowledged', async () => {
    recordFlushes();
    for (let n = 1; n <= 20; n += 1) {
      const before = flushed.length;
      if (n % 2 === 0) {
        await database.kysely
          .insertInto('note')
          .values({ body: `note ${n}` })
          .execute();
      } else {
        await database.kysely.transaction().execute((trx) =>
          trx
            .insertInto('note')
            .values({ body: `note ${n}` })
            .execute(),
        );
      }
      const thisCommit = flushed.slice(before);
      expect(thisCommit.length, `commit ${n} flushed nothing`).toBeGreaterThan(0);
      if (canName)
        expect(thisCommit.some(isWal), `commit ${n}: ${thisCommit.join(', ')}`).toBe(true);
    }
  });

  it('says at start that each commit is on the disk', async () => {
    expect(await database.durability()).toEqual({
      durable: true,
      description: `Database: PGlite in ${dataDir}; each commit is on the disk before it is acknowledged.`,
    });
  });

  it('flushes nothing for a read', async () => {
    recordFlushes();
    await database.kysely.selectFrom('note').selectAll().execute();
    expect(flushed).toEqual([]);
  });

  it('flushed every file of the new database once, and the directories that name them', () => {
    if (!canName) return;
    for (const file of ['PG_VERSION', 'global/pg_control', 'postgresql.conf']) {
      expect(flushedWhileOpening).toContain(path.join(fs.realpathSync(dataDir), file));
    }
    expect(flushedWhileOpening).toContain(fs.realpathSync(dataDir));
    expect(flushedWhileOpening).toContain(fs.realpathSync(root));
  });

  it('finds the acknowledged rows after closing and opening again', async () => {
    await database.close();
    recordFlushes();
    database = await openDatabase<Tables>({ kind: 'pglite', dataDir });
    // An existing database is not flushed file by file again: that was for a new one.
    expect(flushed.filter((file) => file.endsWith('PG_VERSION'))).toEqual([]);
    const { count } = await database.kysely
      .selectFrom('note')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(20);
  });
});

describe('PGlite in memory (tests)', () => {
  it('keeps fsync off and flushes nothing: the tests stay fast', async () => {
    const database = await openDatabase<Tables>({ kind: 'pglite' });
    try {
      recordFlushes();
      await sql`create table note (id serial primary key, body text not null)`.execute(
        database.kysely,
      );
      await database.kysely.insertInto('note').values({ body: 'in memory' }).execute();
      const { rows } = await sql<{ fsync: string }>`show fsync`.execute(database.kysely);
      expect(rows[0]?.fsync).toBe('off');
      expect(flushed).toEqual([]);
      expect((await database.durability()).durable).toBe(false);
    } finally {
      await database.close();
    }
  });
});

describe('the warning at start', () => {
  it.runIf(process.platform === 'linux' && fs.existsSync('/dev/shm'))(
    'warns when the directory is in memory (tmpfs): a flush keeps nothing there',
    () => {
      if (memoryFileSystem('/dev/shm') === undefined) return; // /dev/shm on a disk: nothing to see
      const durability = pgliteDurability('/dev/shm/corridor');
      expect(durability.durable).toBe(false);
      expect(durability.description).toMatch(/^WARNING: .* is on tmpfs, in memory: everything/);
    },
  );

  it('says nothing alarming for a directory on a disk', () => {
    expect(memoryFileSystem(process.cwd())).toBeUndefined();
  });

  it('warns when a PostgreSQL server runs with fsync or synchronous_commit off', () => {
    expect(postgresDurability({ fsync: 'on', synchronousCommit: 'on' }).durable).toBe(true);
    expect(postgresDurability({ fsync: 'on', synchronousCommit: 'local' }).durable).toBe(true);
    expect(postgresDurability({ fsync: 'off', synchronousCommit: 'off' })).toEqual({
      durable: false,
      description:
        'WARNING: the PostgreSQL server runs with fsync and synchronous_commit off: a power cut ' +
        'or an operating system crash can lose acknowledged changes. Turn them on.',
    });
  });
});
