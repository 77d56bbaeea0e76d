import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import { drainBody } from '../../platform/http/input-safety.js';
import { ValidationError } from '../../platform/http/problem.js';
import { MAX_DOCUMENT_BYTES } from './document-content.js';

/**
 * The upload form's body, read from the stream as it arrives (busboy, the parser inside
 * @fastify/multipart) in the content-type parser, i.e. before the platform's CSRF check: that
 * check then finds the `_csrf` field in the body as it does for url-encoded forms. The file is
 * kept in memory up to MAX_DOCUMENT_BYTES; beyond, it is marked truncated and the rest is read
 * and thrown away, and past MAX_BODY_BYTES the request is no longer read at all.
 */

/** The largest body read: the file, the form's few fields and the parts' headers. */
export const MAX_BODY_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;

/**
 * The uploaded file. Its name and bytes are private: the platform's input checks walk the body's
 * enumerable properties (5 MB of them, otherwise), and the name is sanitised by the service.
 */
export class UploadedFile {
  readonly #fileName: string;
  readonly #bytes: Buffer;
  readonly #truncated: boolean;

  constructor(fileName: string, bytes: Buffer, truncated: boolean) {
    this.#fileName = fileName;
    this.#bytes = bytes;
    this.#truncated = truncated;
  }

  get fileName(): string {
    return this.#fileName;
  }

  get bytes(): Buffer {
    return this.#bytes;
  }

  /** More than MAX_DOCUMENT_BYTES were sent: only the first are kept. */
  get truncated(): boolean {
    return this.#truncated;
  }

  toJSON() {
    return { fileName: this.#fileName, bytes: this.#bytes.length, truncated: this.#truncated };
  }
}

export type UploadBody = Record<string, string | UploadedFile>;

const UNREADABLE = 'documents.errors.file.unreadable';

/** Reads a multipart body: text fields (the last of a name wins) and the `file` part. */
export function readUpload(headers: IncomingHttpHeaders, payload: Readable): Promise<UploadBody> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    let file: UploadedFile | undefined;
    let settled = false;
    let received = 0;
    let pendingFile: Promise<void> = Promise.resolve();
    const fail = (detail: string) => {
      if (settled) return;
      settled = true;
      payload.unpipe();
      void drainBody(payload as Parameters<typeof drainBody>[0]);
      reject(new ValidationError([{ pointer: '/file', detail }]));
    };
    let bb: BusboyInstance;
    try {
      bb = new Busboy({
        headers: headers as BusboyHeaders,
        limits: {
          fileSize: MAX_DOCUMENT_BYTES,
          files: 1,
          fields: 8,
          fieldSize: 4096,
          parts: 10,
          headerPairs: 20,
        },
      });
    } catch {
      fail(UNREADABLE);
      return;
    }
    bb.on('field', (name: string, value: string) => {
      if (name in Object.prototype || name === 'file') return;
      fields[name] = value;
    });
    bb.on('file', (name: string, stream: Readable & { truncated?: boolean }, filename: string) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      pendingFile = new Promise((done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          file = new UploadedFile(filename ?? '', Buffer.concat(chunks), stream.truncated === true);
          done();
        });
        stream.on('error', () => {
          fail(UNREADABLE);
          done();
        });
      });
    });
    bb.on('filesLimit', () => fail('documents.errors.file.one'));
    bb.on('partsLimit', () => fail(UNREADABLE));
    bb.on('fieldsLimit', () => fail(UNREADABLE));
    bb.on('error', () => fail(UNREADABLE));
    bb.on('finish', () => {
      void pendingFile.then(() => {
        if (settled) return;
        settled = true;
        resolve(file ? { ...fields, file } : { ...fields });
      });
    });
    payload.on('error', () => fail(UNREADABLE));
    payload.pipe(bb);
    // After the pipe's own listener: busboy has read the chunk (and its fields) first.
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_BODY_BYTES && !settled) {
        // A file far over the limit: stop reading it; the form says it is too large.
        settled = true;
        payload.unpipe(bb);
        void drainBody(payload as Parameters<typeof drainBody>[0]);
        resolve({ ...fields, file: new UploadedFile('', Buffer.alloc(0), true) });
      }
    });
  });
}
