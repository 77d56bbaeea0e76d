/**
 * The one multipart form of the module (the price file upload, which works without
 * JavaScript): text fields and one file, read into strings. Small on purpose: a whole body of at
 * most MAX_UPLOAD_BODY bytes, at most a few parts, the file decoded as UTF-8. Anything it cannot
 * read is a MultipartError (the route answers 400).
 */

export const MAX_PARTS = 8;

export class MultipartError extends Error {}

export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, { filename: string; content: string; bytes: number }>;
}

export function boundaryOf(contentType: string | undefined): string | null {
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2] ?? null) : null;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const delimiter = Buffer.from(`--${boundary}`);
  const form: MultipartForm = {
    fields: Object.create(null) as MultipartForm['fields'],
    files: Object.create(null) as MultipartForm['files'],
  };
  let position = body.indexOf(delimiter);
  if (position === -1) throw new MultipartError('no boundary');
  let parts = 0;
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString('latin1') === '--') return form;
    if (body.subarray(position, position + 2).toString('latin1') !== '\r\n')
      throw new MultipartError('bad delimiter');
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd === -1) throw new MultipartError('no part headers');
    const headers = body.subarray(position, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next === -1) throw new MultipartError('unterminated part');
    parts += 1;
    if (parts > MAX_PARTS) throw new MultipartError('too many parts');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]{1,100})"/.exec(disposition)?.[1];
    if (!name) throw new MultipartError('part without a name');
    const filename = /\bfilename="([^"]{0,255})"/.exec(disposition)?.[1];
    const content = body.subarray(headerEnd + 4, next);
    if (filename !== undefined) {
      form.files[name] = { filename, content: content.toString('utf8'), bytes: content.length };
    } else {
      form.fields[name] = content.toString('utf8');
    }
    position = next + 2;
  }
}
