import type { MediaType } from './documents.tables.js';

/**
 * What a file is, read from its bytes alone: never from its name or the Content-Type the browser
 * sent. A PDF, a PNG or a JPEG is accepted only when its structure holds together:
 *
 * - PDF: starts with `%PDF-1.x` or `%PDF-2.x`, and `%%EOF` is within its last 1024 bytes;
 * - PNG: the 8-byte signature, then an IHDR chunk of 13 bytes with a width and a height, a
 *   valid bit depth and colour type, and a correct CRC; it ends with the IEND chunk;
 * - JPEG: SOI, then well-formed marker segments up to the first scan, among them a frame header
 *   (SOFn) giving a width and a height; it ends with EOI.
 *
 * So a text file renamed .pdf is the wrong type, and a file cut short or two formats glued
 * together (a JPEG followed by a PDF) is malformed.
 */

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type ContentProblem = 'empty' | 'tooLarge' | 'wrongType' | 'malformed';

export type ContentVerdict =
  { ok: true; mediaType: MediaType; extension: string } | { ok: false; problem: ContentProblem };

export const EXTENSIONS: Record<MediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF_HEADER = /^%PDF-[12]\.\d/;

/** Reads the type from the content and checks the file's structure. */
export function inspectContent(bytes: Uint8Array): ContentVerdict {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, problem: 'tooLarge' };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mediaType = sniff(buffer);
  if (!mediaType) return { ok: false, problem: 'wrongType' };
  const wellFormed =
    mediaType === 'application/pdf'
      ? isPdf(buffer)
      : mediaType === 'image/png'
        ? isPng(buffer)
        : isJpeg(buffer);
  return wellFormed
    ? { ok: true, mediaType, extension: EXTENSIONS[mediaType] }
    : { ok: false, problem: 'malformed' };
}

/** The type the first bytes announce, or null. */
export function sniff(bytes: Buffer): MediaType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg';
  }
  return null;
}

function isPdf(bytes: Buffer): boolean {
  if (!PDF_HEADER.test(bytes.subarray(0, 8).toString('latin1'))) return false;
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
  const eof = tail.lastIndexOf('%%EOF');
  // After the marker only an end of line (and the padding some writers add) may follow.
  return eof !== -1 && /^[\r\n\t \0]*$/.test(tail.slice(eof + 5));
}

function isPng(bytes: Buffer): boolean {
  // Signature (8), IHDR (4 + 4 + 13 + 4), IEND (12).
  if (bytes.length < 8 + 25 + 12) return false;
  if (bytes.readUInt32BE(8) !== 13 || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') {
    return false;
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const depth = bytes[24]!;
  const colour = bytes[25]!;
  const allowedDepths: Record<number, number[]> = {
    0: [1, 2, 4, 8, 16],
    2: [8, 16],
    3: [1, 2, 4, 8],
    4: [8, 16],
    6: [8, 16],
  };
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return false;
  if (!allowedDepths[colour]?.includes(depth)) return false;
  if (bytes[26] !== 0 || bytes[27] !== 0 || bytes[28]! > 1) return false;
  if (crc32(bytes.subarray(12, 29)) !== bytes.readUInt32BE(29)) return false;
  const end = bytes.subarray(bytes.length - 12);
  return (
    end.readUInt32BE(0) === 0 &&
    end.subarray(4, 8).toString('latin1') === 'IEND' &&
    end.readUInt32BE(8) === 0xae426082
  );
}

// Start of frame markers: baseline, extended, progressive, lossless, and the arithmetic ones
// (not C4 DHT, C8 JPG, CC DAC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function isJpeg(bytes: Buffer): boolean {
  let position = 2;
  let frame = false;
  for (;;) {
    if (position + 4 > bytes.length || bytes[position] !== 0xff) return false;
    let marker = bytes[position + 1]!;
    // Fill bytes (FF FF …) may precede a marker.
    while (marker === 0xff && position + 2 < bytes.length) {
      position += 1;
      marker = bytes[position + 1]!;
    }
    if (marker === 0xd9 || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7)) return false;
    if (position + 4 > bytes.length) return false;
    const length = bytes.readUInt16BE(position + 2);
    if (length < 2 || position + 2 + length > bytes.length) return false;
    if (SOF.has(marker)) {
      if (length < 8) return false;
      const height = bytes.readUInt16BE(position + 5);
      const width = bytes.readUInt16BE(position + 7);
      const components = bytes[position + 9] ?? 0;
      if (width === 0 || height === 0 || components === 0) return false;
      frame = true;
    }
    position += 2 + length;
    if (marker === 0xda) break; // start of scan: entropy-coded data follows
  }
  if (!frame) return false;
  // EOI ends the file (a few bytes of padding at most after it).
  let end = bytes.length;
  while (end > position && (bytes[end - 1] === 0x00 || bytes[end - 1] === 0x0a)) end -= 1;
  if (bytes.length - end > 16) return false;
  return end - 2 >= position && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

let CRC_TABLE: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG uses it). */
export function crc32(bytes: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A file name as sent by a browser, made safe to show: the last part of any path, NFC, no
 * control or direction-formatting characters, spaces collapsed, at most 120 characters (the
 * extension kept). Never used as a path. Empty, it becomes `document.<extension>`.
 */
export function displayFileName(raw: string, extension: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  let name = clean === '' ? `document.${extension}` : clean;
  if (
    !new RegExp(`\\.${extension}$`, 'i').test(name) &&
    !(extension === 'jpg' && /\.jpe?g$/i.test(name))
  ) {
    name = `${name}.${extension}`;
  }
  const chars = [...name];
  if (chars.length <= 120) return name;
  const dot = name.lastIndexOf('.');
  const ext = name.slice(dot);
  return [...name.slice(0, dot)].slice(0, 120 - ext.length).join('') + ext;
}

/**
 * The Content-Disposition of a download: `attachment`, an ASCII fallback name with nothing a
 * header or a file system could misread, and the real name in RFC 5987 form.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[. ]+/, '') || 'document';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
