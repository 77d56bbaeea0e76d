import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from '../../platform/crypto/field-cipher.js';
import {
  attachmentDisposition,
  crc32,
  displayFileName,
  inspectContent,
  MAX_DOCUMENT_BYTES,
} from './document-content.js';
import { seal, unseal } from './document-sealing.js';
import { tinyJpeg, tinyPdf, tinyPng } from './testing/fixtures.js';

function problem(bytes: Buffer) {
  const verdict = inspectContent(bytes);
  return verdict.ok ? verdict.mediaType : verdict.problem;
}

/** A PDF of exactly `size` bytes. */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%', 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x41), tail]);
}

describe('reading the type from the content', () => {
  it('accepts a tiny PDF, PNG and JPEG, whatever they are called', () => {
    expect(inspectContent(tinyPdf())).toEqual({
      ok: true,
      mediaType: 'application/pdf',
      extension: 'pdf',
    });
    expect(problem(tinyPng())).toBe('image/png');
    expect(problem(tinyJpeg())).toBe('image/jpeg');
  });

  it('accepts a real PNG (the GOV.UK icon)', () => {
    const icon = readFileSync(
      'node_modules/govuk-frontend/dist/govuk/assets/images/govuk-icon-180.png',
    );
    expect(problem(icon)).toBe('image/png');
  });

  it('refuses an empty file, and one of 5 MB + 1 byte; accepts exactly 5 MB', () => {
    expect(problem(Buffer.alloc(0))).toBe('empty');
    expect(problem(pdfOfSize(MAX_DOCUMENT_BYTES + 1))).toBe('tooLarge');
    expect(problem(pdfOfSize(MAX_DOCUMENT_BYTES))).toBe('application/pdf');
  });

  it('refuses text, HTML, SVG and a ZIP as the wrong type (a .txt renamed .pdf included)', () => {
    expect(problem(Buffer.from('Hello, this is not a PDF\n'))).toBe('wrongType');
    expect(problem(Buffer.from('<html><script>alert(1)</script></html>'))).toBe('wrongType');
    expect(problem(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('wrongType');
    expect(problem(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toBe('wrongType');
    expect(problem(Buffer.from(' %PDF-1.4\n%%EOF'))).toBe('wrongType');
  });

  it('refuses truncated files as malformed', () => {
    const pdf = tinyPdf();
    expect(problem(pdf.subarray(0, pdf.length - 8))).toBe('malformed');
    expect(problem(Buffer.from('%PDF-'))).toBe('malformed');
    const png = tinyPng();
    expect(problem(png.subarray(0, png.length - 12))).toBe('malformed');
    expect(problem(png.subarray(0, 20))).toBe('malformed');
    const jpeg = tinyJpeg();
    expect(problem(jpeg.subarray(0, jpeg.length - 2))).toBe('malformed');
    expect(problem(jpeg.subarray(0, 12))).toBe('malformed');
    expect(problem(Buffer.from([0xff, 0xd8, 0xff]))).toBe('malformed');
  });

  it('refuses polyglots: two formats glued together', () => {
    // A JPEG with a PDF after it, a PNG with a PDF after it, a PDF header before a JPEG.
    expect(problem(Buffer.concat([tinyJpeg(), tinyPdf()]))).toBe('malformed');
    expect(problem(Buffer.concat([tinyPng(), tinyPdf()]))).toBe('malformed');
    expect(problem(Buffer.concat([Buffer.from('%PDF-1.4\n'), tinyJpeg()]))).toBe('malformed');
    // A PDF whose end is followed by something else than an end of line.
    expect(problem(Buffer.concat([tinyPdf(), Buffer.from('<script>')]))).toBe('malformed');
  });

  it('refuses a PNG whose header is wrong: bad CRC, zero width, impossible colour type', () => {
    const badCrc = tinyPng();
    badCrc[29] = badCrc[29]! ^ 0xff;
    expect(problem(badCrc)).toBe('malformed');
    const zeroWidth = tinyPng();
    zeroWidth.writeUInt32BE(0, 16);
    expect(problem(zeroWidth)).toBe('malformed');
    const colour = tinyPng();
    colour[25] = 5;
    expect(problem(colour)).toBe('malformed');
  });

  it('refuses a JPEG without a frame header, or with no size in it', () => {
    const jpeg = tinyJpeg();
    const withoutFrame = Buffer.concat([jpeg.subarray(0, 20), jpeg.subarray(33)]);
    expect(problem(withoutFrame)).toBe('malformed');
    const zeroWidth = tinyJpeg();
    zeroWidth.writeUInt16BE(0, 27);
    expect(problem(zeroWidth)).toBe('malformed');
  });

  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });
});

describe('file names', () => {
  it('keeps the last part of a path, in NFC, without control or direction characters', () => {
    expect(displayFileName('C:\\Users\\amina\\diploma.pdf', 'pdf')).toBe('diploma.pdf');
    expect(displayFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(displayFileName('cv\u202Efdp.exe', 'pdf')).toBe('cvfdp.exe.pdf');
    expect(displayFileName('a\u0000b\u0007.png', 'png')).toBe('ab.png');
    expect(displayFileName('', 'jpg')).toBe('document.jpg');
    expect(displayFileName('photo.JPEG', 'jpg')).toBe('photo.JPEG');
  });

  it('keeps names in any script exactly, normalised to NFC', () => {
    expect(displayFileName('شهادة الدبلوم.pdf', 'pdf')).toBe('شهادة الدبلوم.pdf');
    expect(displayFileName('प्रमाणपत्र.pdf', 'pdf')).toBe('प्रमाणपत्र.pdf');
    expect(displayFileName('সনদ.png', 'png')).toBe('সনদ.png');
    expect(displayFileName('Cafe\u0301.pdf', 'pdf')).toBe('Caf\u00e9.pdf');
  });

  it('cuts a long name to 120 characters, the extension kept', () => {
    const name = displayFileName(`${'ب'.repeat(300)}.pdf`, 'pdf');
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('gives a download an ASCII fallback name and the real name encoded', () => {
    expect(attachmentDisposition('شهادة "1".pdf')).toBe(
      `attachment; filename="_____ _1_.pdf"; filename*=UTF-8''${encodeURIComponent('شهادة "1".pdf')}`,
    );
    expect(attachmentDisposition('a\r\nb.pdf')).not.toMatch(/[\r\n]/);
  });
});

describe('sealing a file', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const cipher = FieldCipher.fromConfig({ encryptionKeys: `k1:${key}`, lookupHashKey: key });
  const id = '0b6c2d3e-1f20-4a5b-8c9d-0e1f2a3b4c5d';

  it('round-trips, and the stored bytes are not the plaintext', () => {
    const pdf = tinyPdf();
    const sealed = seal(cipher, id, pdf);
    expect(sealed.content.length).toBe(pdf.length + 28);
    expect(sealed.content.includes(Buffer.from('%PDF'))).toBe(false);
    expect(unseal(cipher, id, sealed).equals(pdf)).toBe(true);
  });

  it('fails for another document id, and for a changed byte', () => {
    const sealed = seal(cipher, id, tinyPng());
    expect(() => unseal(cipher, '1b6c2d3e-1f20-4a5b-8c9d-0e1f2a3b4c5d', sealed)).toThrow();
    const changed = Buffer.from(sealed.content);
    changed[20] = changed[20]! ^ 1;
    expect(() => unseal(cipher, id, { ...sealed, content: changed })).toThrow();
  });
});
