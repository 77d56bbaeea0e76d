import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/people.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { systemContext } from '../../platform/authz/context.js';
import { ANONYMOUS } from '../../platform/authz/principal.js';
import { MAX_DOCUMENT_BYTES } from './document-content.js';
import { tinyJpeg, tinyPdf, tinyPng } from './testing/fixtures.js';

/**
 * A job seeker's documents through the real app: multipart uploads without JavaScript (CSRF
 * from the form's field), every refusal named with nothing stored, downloads by the owner and
 * by officers of the person's nationality only (audited, shown on the person's access log),
 * encryption at rest, deletion, the applications module's methods, export and erasure.
 */
let h: Harness;
let amina: TestUser;
let bikash: TestUser;
let kenyanOfficer: TestUser;
let nepaliOfficer: TestUser;
let agencyStaff: TestUser;
let seeker: TestClient;

/** The nationalities the job-seekers module answers with, set by the tests. */
const nationalities = new Map<string, string>();

type Summaries = (ids: readonly string[]) => Promise<Map<string, { nationality: string }>>;

const FORM = { kind: 'diploma', title: 'شهادة التمريض ٢٠١٩' };

function pdfNamed(text: string) {
  return {
    field: 'file',
    filename: 'diploma.pdf',
    content: tinyPdf(text),
    type: 'application/pdf',
  };
}

async function countDocuments(userId: string): Promise<number> {
  const row = await h.db
    .selectFrom('document')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

function documentIds(body: string): string[] {
  return [...body.matchAll(/href="\/profile\/documents\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  h = await createHarness();
  const { people } = h.factories;
  amina = await people.user({ role: 'job_seeker', fullName: 'أمينة وانجيكو' });
  bikash = await people.user({ role: 'job_seeker', fullName: 'विकास थापा' });
  kenyanOfficer = await people.user({ role: 'origin_officer', countryCode: 'KE' });
  nepaliOfficer = await people.user({ role: 'origin_officer', countryCode: 'NP' });
  agencyStaff = await people.user({ role: 'agency_staff', countryCode: 'KE' });
  nationalities.set(amina.id, 'KE');
  nationalities.set(bikash.id, 'NP');
  // The job-seekers module's profile is another module's work: its `summaries` answers here
  // with the nationalities above.
  const summaries: Summaries = async (ids) =>
    new Map(
      ids.flatMap((id) => {
        const nationality = nationalities.get(id);
        return nationality ? [[id, { nationality }] as const] : [];
      }),
    );
  (h.services.jobSeekers as unknown as { summaries: Summaries }).summaries = summaries;
  seeker = await h.signIn(amina);
}, 120_000);

afterAll(async () => h?.close());

describe('uploading without JavaScript', () => {
  it('shows the form with the kinds in the reader’s language', async () => {
    const page = await seeker.get('/profile/documents');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('Police clearance');
    const arabic = await (
      await h.signIn(amina, { lang: 'ar', fresh: true })
    ).get('/profile/documents');
    expect(arabic.body).toContain('شهادة حسن السيرة والسلوك');
  });

  it('uploads a PDF, keeps the Arabic title exactly, lists it, and a double submit stores one', async () => {
    await seeker.get('/profile/documents');
    const first = await seeker.upload('/profile/documents', FORM, pdfNamed('nursing'));
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/profile/documents?uploaded=1');
    const again = await seeker.upload('/profile/documents', FORM, pdfNamed('nursing'));
    expect(again.statusCode).toBe(303);
    expect(await countDocuments(amina.id)).toBe(1);
    const page = await seeker.get('/profile/documents?uploaded=1');
    expect(page.body).toContain('Your document has been uploaded.');
    expect(page.body).toContain(FORM.title);
    expect(page.body).toContain('diploma.pdf');
    expect(documentIds(page.body)).toHaveLength(1);
    const listed = await h.services.documents.listOwn(amina.id);
    expect(listed).toEqual([
      expect.objectContaining({
        kind: 'diploma',
        title: FORM.title,
        fileName: 'diploma.pdf',
        mediaType: 'application/pdf',
        sizeBytes: tinyPdf('nursing').length,
      }),
    ]);
    expect(await h.auditActionsFor(amina.id)).toContain('document.uploaded');
  });

  it('reads the type from the content: a PNG called .pdf is a PNG, a JPEG is a JPEG', async () => {
    await seeker.get('/profile/documents');
    const png = await seeker.upload(
      '/profile/documents',
      { kind: 'photo', title: 'Photo' },
      { field: 'file', filename: 'photo.pdf', content: tinyPng(), type: 'application/pdf' },
    );
    expect(png.statusCode).toBe(303);
    const jpeg = await seeker.upload(
      '/profile/documents',
      { kind: 'certificate', title: 'প্রশিক্ষণ সনদ' },
      { field: 'file', filename: 'সনদ.jpg', content: tinyJpeg(), type: 'image/jpeg' },
    );
    expect(jpeg.statusCode).toBe(303);
    const listed = await h.services.documents.listOwn(amina.id);
    expect(listed.map((document) => [document.fileName, document.mediaType])).toEqual(
      expect.arrayContaining([
        ['photo.pdf.png', 'image/png'],
        ['সনদ.jpg', 'image/jpeg'],
      ]),
    );
  });

  it('refuses every bad file with a named error, and stores nothing', async () => {
    const before = await countDocuments(amina.id);
    const cases: [string, Buffer, string][] = [
      [
        'notes.pdf',
        Buffer.from('just some text\n'),
        'The selected file must be a PDF, JPEG or PNG',
      ],
      ['empty.pdf', Buffer.alloc(0), 'The selected file is empty'],
      ['cut.pdf', tinyPdf().subarray(0, 20), 'The selected file is damaged or incomplete'],
      ['glued.jpg', Buffer.concat([tinyJpeg(), tinyPdf()]), 'damaged or incomplete'],
      [
        'big.pdf',
        Buffer.concat([tinyPdf(), Buffer.alloc(MAX_DOCUMENT_BYTES - tinyPdf().length + 1, 0x20)]),
        'The selected file must be smaller than 5 MB',
      ],
    ];
    for (const [filename, content, message] of cases) {
      await seeker.get('/profile/documents');
      const response = await seeker.upload('/profile/documents', FORM, {
        field: 'file',
        filename,
        content,
        type: 'application/pdf',
      });
      expect(response.statusCode, filename).toBe(400);
      expect(response.body, filename).toContain('govuk-error-summary');
      expect(response.body, filename).toContain(message);
      expect(response.body, filename).toContain('href="#file"');
      // What was typed is kept.
      expect(response.body, filename).toContain(FORM.title);
    }
    expect(await countDocuments(amina.id)).toBe(before);
  });

  it('refuses a body far over the limit without reading it all', async () => {
    await seeker.get('/profile/documents');
    const response = await seeker.upload('/profile/documents', FORM, {
      field: 'file',
      filename: 'huge.pdf',
      content: Buffer.alloc(8 * 1024 * 1024, 0x25),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The selected file must be smaller than 5 MB');
  });

  it('names a missing kind, title and file, in French too', async () => {
    const french = await h.signIn(amina, { lang: 'fr', fresh: true });
    await french.get('/profile/documents');
    const response = await french.upload(
      '/profile/documents',
      { kind: 'banana', title: '   ' },
      { field: 'file', filename: '', content: Buffer.alloc(0) },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choisissez le type de document');
    expect(response.body).toContain('Saisissez un titre pour le document');
    expect(response.body).toContain('Choisissez un fichier à téléverser');
  });

  it('refuses a multipart upload with a missing or wrong CSRF token', async () => {
    const before = await countDocuments(amina.id);
    await seeker.get('/profile/documents');
    const missing = await seeker.upload(
      '/profile/documents',
      { ...FORM, _csrf: null },
      pdfNamed('no token'),
    );
    expect(missing.statusCode).toBe(403);
    const wrong = await seeker.upload(
      '/profile/documents',
      { ...FORM, _csrf: 'x'.repeat(43) },
      pdfNamed('wrong token'),
    );
    expect(wrong.statusCode).toBe(403);
    expect(await countDocuments(amina.id)).toBe(before);
  });

  it('refuses the anonymous, and staff with no documents of their own', async () => {
    const anonymous = h.anonymous();
    const page = await anonymous.get('/profile/documents');
    expect(page.statusCode).toBe(303);
    const officer = await h.signIn(kenyanOfficer);
    expect((await officer.get('/profile/documents')).statusCode).toBe(403);
  });
});

describe('downloading', () => {
  let documentId: string;

  beforeAll(async () => {
    const page = await seeker.get('/profile/documents');
    const listed = await h.services.documents.listOwn(amina.id);
    documentId = listed.find((document) => document.kind === 'diploma')!.id;
    expect(documentIds(page.body)).toContain(documentId);
  });

  it('gives the owner the file as it was, as an attachment that is never kept or sniffed', async () => {
    const response = await seeker.get(`/profile/documents/${documentId}`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(tinyPdf('nursing'))).toBe(true);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="diploma.pdf"; filename*=UTF-8''diploma.pdf`,
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('answers "not found" to another job seeker, to staff of another kind, and to a wrong country', async () => {
    const other = await h.signIn(bikash);
    expect((await other.get(`/profile/documents/${documentId}`)).statusCode).toBe(404);
    const agency = await h.signIn(agencyStaff);
    expect([403, 404]).toContain((await agency.get(`/profile/documents/${documentId}`)).statusCode);
    const nepali = await h.signIn(nepaliOfficer);
    expect((await nepali.get(`/profile/documents/${documentId}`)).statusCode).toBe(404);
    expect((await seeker.get('/profile/documents/not-a-uuid')).statusCode).toBe(404);
    expect(
      (await seeker.get('/profile/documents/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('lets an officer of the person’s country download it, audited with the person as subject', async () => {
    const before = (await h.auditActionsFor(amina.id)).filter(
      (action) => action === 'document.downloaded',
    ).length;
    const officer = await h.signIn(kenyanOfficer);
    const response = await officer.get(`/profile/documents/${documentId}`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(tinyPdf('nursing'))).toBe(true);
    const after = (await h.auditActionsFor(amina.id)).filter(
      (action) => action === 'document.downloaded',
    ).length;
    expect(after).toBe(before + 1);
    const log = await seeker.get('/account/access-log');
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('Downloaded a document');
  });

  it('does not audit the owner’s own downloads', async () => {
    const before = (await h.auditActionsFor(amina.id)).length;
    await seeker.get(`/profile/documents/${documentId}`);
    expect((await h.auditActionsFor(amina.id)).length).toBe(before);
  });

  it('keeps the file encrypted at rest: neither the raw column nor the key is the plaintext', async () => {
    const row = await h.db
      .selectFrom('document')
      .select(['content', 'key_encrypted', 'sha256'])
      .where('id', '=', documentId)
      .executeTakeFirstOrThrow();
    const stored = Buffer.from(row.content);
    const plaintext = tinyPdf('nursing');
    expect(stored.length).toBe(plaintext.length + 28);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(Buffer.from('nursing'))).toBe(false);
    expect(row.key_encrypted).toMatch(/^v1\./);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the applications module’s methods', () => {
  it('tells whether documents are the person’s, and opens one for an application, audited', async () => {
    const mine = await h.services.documents.listOwn(amina.id);
    const ids = mine.map((document) => document.id);
    expect(await h.services.documents.ownedBy(amina.id, ids)).toBe(true);
    expect(await h.services.documents.ownedBy(bikash.id, ids.slice(0, 1))).toBe(false);
    expect(await h.services.documents.ownedBy(amina.id, ['nonsense'])).toBe(false);
    const ctx = systemContext({ ...ANONYMOUS, userId: agencyStaff.id });
    const opened = await h.services.documents.openForApplication(ctx, {
      documentId: ids[0]!,
      ownerUserId: amina.id,
      applicationId: '11111111-1111-4111-8111-111111111111',
    });
    expect(opened.bytes.length).toBeGreaterThan(0);
    await expect(
      h.services.documents.openForApplication(ctx, {
        documentId: ids[0]!,
        ownerUserId: bikash.id,
        applicationId: '11111111-1111-4111-8111-111111111111',
      }),
    ).rejects.toThrow();
    const audited = await h.db
      .selectFrom('audit_event')
      .select(['after'])
      .where('action', '=', 'document.downloaded')
      .where('data_subject_user_id', '=', amina.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect((audited.after as { applicationId?: string } | null)?.applicationId).toBe(
      '11111111-1111-4111-8111-111111111111',
    );
  });
});

describe('deleting, the data download and erasure', () => {
  it('deletes one’s own document (audited); another’s is untouched', async () => {
    const other = await h.signIn(bikash);
    await other.get('/profile/documents');
    expect((await other.upload('/profile/documents', FORM, pdfNamed('bikash'))).statusCode).toBe(
      303,
    );
    const [theirs] = await h.services.documents.listOwn(bikash.id);
    await seeker.get('/profile/documents');
    const refused = await seeker.post(`/profile/documents/${theirs!.id}/delete`, {});
    expect(refused.statusCode).toBe(303);
    expect(await countDocuments(bikash.id)).toBe(1);
    const deleted = await other.post(`/profile/documents/${theirs!.id}/delete`, {});
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/profile/documents?deleted=1');
    expect(await countDocuments(bikash.id)).toBe(0);
    expect(await h.auditActionsFor(bikash.id)).toContain('document.deleted');
  });

  it('exports the documents with their files, and erasure deletes them', async () => {
    const exported = await h.services.documents.exportFor(amina.id);
    expect(exported.length).toBeGreaterThan(0);
    const diploma = exported.find((document) => document.kind === 'diploma')!;
    expect(Buffer.from(diploma.contentBase64, 'base64').equals(tinyPdf('nursing'))).toBe(true);
    await h.db.transaction().execute(async (trx) => {
      await h.services.documents.eraseFor(trx as never, amina.id);
    });
    expect(await countDocuments(amina.id)).toBe(0);
  });
});
