import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AnchorPoint, AuditLog, AuditVerification } from './audit.js';
import { canonicalJson } from './canonical-json.js';

/**
 * Anchors: the head of the audit chain (last id, its hash, the count of events) recorded
 * outside the database, signed, one JSON object a line, appended to a file (ADR 4). Whoever can
 * rewrite the table (its owner, with the triggers off) cannot make the chain match an anchor
 * again, and cannot sign a new one without the key, which the database never sees.
 *
 * Ed25519 rather than HMAC: the public key can be handed to outside auditors, who can then
 * check a copy of the file without holding a secret that would let them forge anchors.
 */

export const ANCHOR_VERSION = 1;

/** One line of the anchor file. */
export interface AuditAnchor {
  v: typeof ANCHOR_VERSION;
  anchoredAt: string;
  lastId: number;
  lastHash: string;
  count: number;
  /** SHA-256 of the line before it (null for the first): a removed line breaks the next. */
  previous: string | null;
  /** The first 16 hex digits of SHA-256 of the raw public key. */
  keyId: string;
  /** Ed25519 over the canonical JSON of every field above, base64. */
  signature: string;
}

/** An anchor as read back, with the line it came from. */
export interface ReadAnchor extends AuditAnchor {
  line: number;
}

export interface AnchorFileContents {
  /** The anchors whose signature and link hold, oldest first. */
  anchors: ReadAnchor[];
  /** What is wrong with the file, in plain English: lines unreadable, altered or removed. */
  problems: string[];
}

// An Ed25519 private key in PKCS #8 DER is this prefix followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const HASH = /^[0-9a-f]{64}$/;

/** The Ed25519 key that signs anchors, from a 32-byte seed. */
export class AnchorSigner {
  readonly keyId: string;
  private readonly publicKey: KeyObject;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.keyId = sha256(this.rawPublicKey()).slice(0, 16);
  }

  static fromSeed(seed: Buffer): AnchorSigner {
    if (seed.length !== 32) throw new RangeError('An anchor key is a 32-byte seed');
    return new AnchorSigner(
      createPrivateKey({
        key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
        format: 'der',
        type: 'pkcs8',
      }),
    );
  }

  /**
   * AUDIT_ANCHOR_KEY (base64 seed) when set; otherwise a key derived from LOOKUP_HASH_KEY, so
   * that anchors are signed on every installation without one more secret to manage.
   */
  static fromConfig(config: { auditAnchorKey: string | undefined; lookupHashKey: string }) {
    if (config.auditAnchorKey)
      return AnchorSigner.fromSeed(Buffer.from(config.auditAnchorKey, 'base64'));
    const derived = hkdfSync(
      'sha256',
      Buffer.from(config.lookupHashKey, 'base64'),
      Buffer.alloc(0),
      'corridor audit anchor signing key',
      32,
    );
    return AnchorSigner.fromSeed(Buffer.from(derived));
  }

  /** The public key, PEM, for outside auditors. */
  get publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  sign(unsigned: Omit<AuditAnchor, 'signature'>): string {
    return sign(null, Buffer.from(canonicalJson({ ...unsigned })), this.privateKey).toString(
      'base64',
    );
  }

  verify(anchor: AuditAnchor): boolean {
    const { signature, ...unsigned } = anchor;
    try {
      return verify(
        null,
        Buffer.from(canonicalJson({ ...unsigned })),
        this.publicKey,
        Buffer.from(signature, 'base64'),
      );
    } catch {
      return false;
    }
  }

  private rawPublicKey(): Buffer {
    // SPKI DER of an Ed25519 key ends with the 32 raw bytes.
    return this.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  }
}

/** The append-only file of anchors. */
export class AnchorFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly filePath: string,
    private readonly signer: AnchorSigner,
  ) {}

  /** The key that checks the anchors, PEM, for outside auditors. */
  get publicKeyPem(): string {
    return this.signer.publicKeyPem;
  }

  get keyId(): string {
    return this.signer.keyId;
  }

  /** The file as it is on disk ('' when there is none yet), for download. */
  async text(): Promise<string> {
    try {
      return await fs.readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  }

  async read(): Promise<AnchorFileContents> {
    const anchors: ReadAnchor[] = [];
    const problems: string[] = [];
    let previousLine: string | null = null;
    const lines = (await this.text()).split('\n');
    for (const [index, text] of lines.entries()) {
      if (text.trim() === '') continue;
      const line = index + 1;
      const anchor = parseAnchor(text);
      if (!anchor) problems.push(`line ${line} is not an anchor`);
      else if (anchor.keyId !== this.signer.keyId) {
        problems.push(`line ${line} is signed by another key (${anchor.keyId})`);
      } else if (!this.signer.verify(anchor)) {
        problems.push(`line ${line} does not match its signature: it was altered`);
      } else {
        const expected = previousLine === null ? null : sha256(previousLine);
        if (anchor.previous !== expected) {
          problems.push(
            `line ${line} does not follow the line before it: anchors were removed or reordered`,
          );
        }
        anchors.push({ ...anchor, line });
      }
      previousLine = text;
    }
    return { anchors, problems };
  }

  /** Signs and appends an anchor of this head, flushed to disk before it returns. */
  append(head: Omit<AuditAnchor, 'v' | 'previous' | 'keyId' | 'signature'>): Promise<AuditAnchor> {
    // One append at a time in this process, so that each names the line before it.
    const appended = this.queue.then(async () => {
      const lines = (await this.text()).split('\n').filter((line) => line.trim() !== '');
      const last = lines.at(-1);
      const unsigned = {
        v: ANCHOR_VERSION,
        anchoredAt: head.anchoredAt,
        lastId: head.lastId,
        lastHash: head.lastHash,
        count: head.count,
        previous: last === undefined ? null : sha256(last),
        keyId: this.signer.keyId,
      } as const;
      const anchor: AuditAnchor = { ...unsigned, signature: this.signer.sign(unsigned) };
      await fs.mkdir(path.dirname(this.filePath), { recursive: true });
      const handle = await fs.open(this.filePath, 'a', 0o640);
      try {
        await handle.appendFile(`${JSON.stringify(anchor)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return anchor;
    });
    this.queue = appended.catch(() => undefined);
    return appended;
  }
}

export type AnchorOutcome =
  | { anchored: true; anchor: AuditAnchor }
  /** 'empty': no event yet; 'unchanged': the last anchor already holds this head. */
  | { anchored: false; reason: 'empty' | 'unchanged'; anchor: AuditAnchor | null }
  /** The chain does not extend the last anchor, or the anchor file is wrong: nothing written. */
  | { anchored: false; reason: 'broken'; verification: AuditVerification };

/** Anchoring the chain, and checking it against the anchors. */
export class AuditAnchors {
  /** From the configuration: the key (or one derived) and the file under DATA_DIR. */
  static fromConfig(
    log: AuditLog,
    config: { auditAnchorKey: string | undefined; lookupHashKey: string; auditAnchorFile: string },
  ): AuditAnchors {
    return new AuditAnchors(
      log,
      new AnchorFile(config.auditAnchorFile, AnchorSigner.fromConfig(config)),
    );
  }

  constructor(
    private readonly log: AuditLog,
    readonly file: AnchorFile,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Anchors the chain's head, after checking that the chain still extends the last anchor (the
   * anchored event as anchored, the events after it linked): an anchor never vouches for a
   * chain that was already changed. A head the last anchor holds is not anchored again.
   */
  async anchor(): Promise<AnchorOutcome> {
    const contents = await this.file.read();
    const last = contents.anchors.at(-1);
    const verification = await this.log.verify(last ? { from: point(last) } : {});
    if (!verification.ok || contents.problems.length > 0) {
      return {
        anchored: false,
        reason: 'broken',
        verification: verification.ok ? fileBroken(verification, contents) : verification,
      };
    }
    const head = verification.head;
    if (!head) return { anchored: false, reason: 'empty', anchor: last ?? null };
    if (last && last.lastId === head.lastId && last.lastHash === head.lastHash) {
      return { anchored: false, reason: 'unchanged', anchor: last };
    }
    const anchor = await this.file.append({ anchoredAt: this.clock().toISOString(), ...head });
    return { anchored: true, anchor };
  }

  /** The whole chain, against every anchor in the file; a wrong file fails it too. */
  async verify(): Promise<AuditVerification> {
    const contents = await this.file.read();
    const verification = await this.log.verify({ anchors: contents.anchors.map(point) });
    if (verification.ok && contents.problems.length > 0) return fileBroken(verification, contents);
    return verification;
  }

  /** The anchors, newest first, and what is wrong with the file. */
  async list(): Promise<AnchorFileContents> {
    const contents = await this.file.read();
    return { anchors: [...contents.anchors].reverse(), problems: contents.problems };
  }
}

function point(anchor: AuditAnchor): AnchorPoint {
  return {
    lastId: anchor.lastId,
    lastHash: anchor.lastHash,
    count: anchor.count,
    anchoredAt: anchor.anchoredAt,
  };
}

function fileBroken(
  verification: AuditVerification,
  contents: AnchorFileContents,
): AuditVerification {
  return {
    ...verification,
    ok: false,
    brokenId: null,
    reason: `the anchor file is not as it was written: ${contents.problems.join('; ')}`,
  };
}

function parseAnchor(text: string): AuditAnchor | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const a = value as Record<string, unknown>;
  const whole = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (
    a.v !== ANCHOR_VERSION ||
    typeof a.anchoredAt !== 'string' ||
    Number.isNaN(Date.parse(a.anchoredAt)) ||
    !whole(a.lastId) ||
    typeof a.lastHash !== 'string' ||
    !HASH.test(a.lastHash) ||
    !whole(a.count) ||
    !(a.previous === null || (typeof a.previous === 'string' && HASH.test(a.previous))) ||
    typeof a.keyId !== 'string' ||
    typeof a.signature !== 'string'
  ) {
    return null;
  }
  return {
    v: ANCHOR_VERSION,
    anchoredAt: a.anchoredAt,
    lastId: a.lastId,
    lastHash: a.lastHash,
    count: a.count,
    previous: a.previous,
    keyId: a.keyId,
    signature: a.signature,
  };
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
