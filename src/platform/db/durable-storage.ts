import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite on a directory, made to keep what it acknowledges across a power cut (ADR 13).
 *
 * As shipped, PGlite 0.5 flushes nothing to the disk: it starts PostgreSQL with `-F` (fsync
 * off), PostgreSQL's `fdatasync` (its default way to flush the write-ahead log on Linux) is a
 * stub in the Emscripten runtime, and `fsync` does nothing either, because Emscripten's NODEFS
 * has no `fsync` operation. A commit was in the kernel's page cache, not on the disk, when it
 * was acknowledged.
 *
 * Here PostgreSQL runs with fsync on and flushes its write-ahead log with `fsync`, and NODEFS
 * gets the `fsync` operation it lacks: the real fsync(2) of the file's descriptor. So a commit
 * returns only after its log record is on the disk, and checkpoints, file creations and renames
 * are flushed as PostgreSQL intends. An in-memory database (tests) keeps PGlite's defaults.
 */

/** PGlite's start parameters with fsync on, the log flushed with fsync (see above). */
export const durableStartParams: readonly string[] = [
  ...PGlite.defaultStartParams.filter((parameter) => parameter !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
  '-c',
  'synchronous_commit=on',
];

/** The part of Emscripten's NODEFS this file relies on (pglite/release/pglite.js). */
interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: { nfd?: number }) => number };
  /** Runs a Node fs call, turning its error into an errno that the C code sees. */
  tryFSOperation: <T>(operation: () => T) => T;
}

type EmscriptenOptions = Awaited<ReturnType<NodeFS['init']>>['emscriptenOpts'];
type PostgresModule = Parameters<NonNullable<EmscriptenOptions['preRun']>[number]>[0];

/** NODEFS with an `fsync` that reaches the disk. */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: EmscriptenOptions) {
    const { emscriptenOpts } = await super.init(pg, options);
    return {
      emscriptenOpts: {
        ...emscriptenOpts,
        preRun: [...(emscriptenOpts.preRun ?? []), (mod: PostgresModule) => addFsync(mod)],
      },
    };
  }
}

function addFsync(mod: PostgresModule): void {
  const nodefs = mod.NODEFS as unknown as Partial<EmscriptenNodeFs>;
  if (typeof nodefs.tryFSOperation !== 'function' || typeof nodefs.stream_ops !== 'object') {
    // A PGlite upgrade changed Emscripten's NODEFS: refuse to run with unflushed commits.
    throw new Error('PGlite NODEFS has changed: cannot make commits durable (see docs/adr/0013)');
  }
  const { tryFSOperation } = nodefs;
  nodefs.stream_ops.fsync = (stream) => {
    // Every NODEFS stream holds a host descriptor (files and directories alike). A failed
    // fsync reaches PostgreSQL as an errno, and it stops rather than acknowledge the commit.
    if (stream.nfd !== undefined) tryFSOperation(() => fs.fsyncSync(stream.nfd as number));
    return 0;
  };
}

/** True when `dataDir` holds no database yet (PGlite will create one there). */
export function isNewDataDir(dataDir: string): boolean {
  return !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * PGlite creates a new database in memory (initdb) and copies its files into the directory
 * without flushing them. Flush every file, then every directory, then the parent, so that a
 * new database survives a power cut in its first minutes. About 1,000 files, once; several at
 * a time, because one after the other took 3 to 8 times as long (ADR 13).
 */
export async function flushDirectoryTree(root: string): Promise<void> {
  const files: string[] = [];
  const directories: string[] = [];
  const walk = async (directory: string) => {
    for (const entry of await fsp.readdir(directory, { withFileTypes: true })) {
      const target = path.join(directory, entry.name);
      if (entry.isDirectory()) await walk(target);
      else if (entry.isFile()) files.push(target);
    }
    directories.push(directory);
  };
  await walk(root);
  await flushAll(files);
  // Windows cannot open a directory to flush it; NTFS journals the names itself.
  if (process.platform === 'win32') return;
  await flushAll(directories);
  await flushAll([path.dirname(root)]);
}

async function flushAll(targets: readonly string[], atOnce = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let target = targets[next++]; target !== undefined; target = targets[next++]) {
      const handle = await fsp.open(target, 'r');
      try {
        await fsyncDescriptor(handle.fd);
      } finally {
        await handle.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, targets.length) }, worker));
}

const fsyncDescriptor = (fd: number) =>
  new Promise<void>((resolve, reject) =>
    fs.fsync(fd, (error) => (error ? reject(error) : resolve())),
  );

/** What a power cut would cost: said at start (`corridor serve`). */
export interface Durability {
  durable: boolean;
  description: string;
}

// statfs(2) types of Linux file systems that live in memory: a flush keeps nothing.
const MEMORY_FILE_SYSTEMS = new Map([
  [0x01021994, 'tmpfs'],
  [0x858458f6, 'ramfs'],
]);

/** The file system holding `directory` when it lives in memory (Linux only), else undefined. */
export function memoryFileSystem(directory: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  let existing = path.resolve(directory);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    existing = path.dirname(existing);
  }
  return MEMORY_FILE_SYSTEMS.get(fs.statfsSync(existing).type);
}

export function pgliteDurability(dataDir: string | undefined): Durability {
  if (!dataDir) {
    return {
      durable: false,
      description:
        'WARNING: the database is in memory only: everything is lost when the process stops.',
    };
  }
  const inMemory = memoryFileSystem(dataDir);
  if (inMemory) {
    return {
      durable: false,
      description:
        `WARNING: the database directory ${dataDir} is on ${inMemory}, in memory: everything ` +
        'in it is lost when the machine restarts. Set DATA_DIR to a directory on a disk.',
    };
  }
  return {
    durable: true,
    description: `Database: PGlite in ${dataDir}; each commit is on the disk before it is acknowledged.`,
  };
}

/** A PostgreSQL server keeps commits through a power cut unless told not to. */
export function postgresDurability(settings: {
  fsync: string;
  synchronousCommit: string;
}): Durability {
  const off = [
    ...(settings.fsync === 'off' ? ['fsync'] : []),
    ...(settings.synchronousCommit === 'off' ? ['synchronous_commit'] : []),
  ];
  return off.length === 0
    ? {
        durable: true,
        description: 'Database: PostgreSQL server; each commit is flushed as the server does it.',
      }
    : {
        durable: false,
        description:
          `WARNING: the PostgreSQL server runs with ${off.join(' and ')} off: a power cut or ` +
          `an operating system crash can lose acknowledged changes. Turn ${off.length > 1 ? 'them' : 'it'} on.`,
      };
}
