import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { rotateEncryptedColumns } from '../../platform/crypto/rotate.js';
import { identityDocumentsPersonalData } from './identity-documents.privacy.js';
import { IdentityDocumentsRepository } from './identity-documents.repository.js';
import { IdentityDocumentsService } from './identity-documents.service.js';
import { identityDocumentsView, NUMBER_CONTEXT } from './identity-documents.tables.js';

let h: Harness;
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 5);
/** A job seeker's acting context, for the service calls. */
const seeker = (userId: string) => h.factories.people.contextOf({ id: userId, totpSecret: null });

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('personal data and keys', () => {
  it('exports the full numbers to their owner, and erasure deletes the documents', async () => {
    const provider = identityDocumentsPersonalData(h.services.identityDocuments);
    const userId = (await h.factories.people.user()).id;
    await h.services.identityDocuments.record(await seeker(userId), {
      documentType: 'seafarer_id',
      documentNumber: 'sd-55 44 33',
      issuingCountry: 'PH',
      expiryDate: `${FUTURE_YEAR}-01-31`,
    });
    expect(provider.name).toBe('identity_documents');
    const exported = (await provider.export(userId)) as Record<string, unknown>[];
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      documentType: 'seafarer_id',
      documentNumber: 'SD554433',
      issuingCountry: 'PH',
      expiryDate: `${FUTURE_YEAR}-01-31`,
    });
    expect(Object.keys(exported[0] ?? {}).sort()).toEqual([
      'documentNumber',
      'documentType',
      'expiryDate',
      'issuingCountry',
      'recordedAt',
      'updatedAt',
    ]);
    await h.db.transaction().execute((trx) => provider.erase(identityDocumentsView(trx), userId));
    expect(await provider.export(userId)).toEqual([]);
    const left = await h.db
      .selectFrom('identity_document')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    expect(left).toEqual([]);
  });

  it('re-encrypts every number under a new key; the keyed hash, and so lookups, stay the same', async () => {
    const holderId = (await h.factories.people.user({ fullName: 'Achieng Otieno' })).id;
    await h.services.identityDocuments.record(await seeker(holderId), {
      documentType: 'passport',
      documentNumber: 'AK7700123',
      issuingCountry: 'KE',
      expiryDate: null,
    });
    const config = testConfig();
    const column = {
      table: 'identity_document',
      idColumn: 'id',
      column: 'number_encrypted',
      context: NUMBER_CONTEXT,
    };
    const newKey = 'k2:' + Buffer.alloc(32, 7).toString('base64');
    const both = FieldCipher.fromConfig({
      ...config,
      encryptionKeys: `${newKey},${config.encryptionKeys}`,
    });
    const db = h.db as unknown as Kysely<unknown>;
    expect(await rotateEncryptedColumns(db, both, [column])).toEqual([
      { table: 'identity_document', column: 'number_encrypted', rotated: 1 },
    ]);

    // The old key can go: the number decrypts, and is still found, with the new key alone.
    const onlyNew = FieldCipher.fromConfig({ ...config, encryptionKeys: newKey });
    const documents = new IdentityDocumentsService({
      repository: new IdentityDocumentsRepository(h.db),
      audit: h.services.audit,
      cipher: onlyNew,
      countries: { countryExists: async () => true },
      people: h.services.accounts.accounts,
    });
    const officer = await h.factories.people.user({ role: 'origin_officer', countryCode: 'KE' });
    const found = await documents.lookUp(await h.factories.people.contextOf(officer), {
      documentType: 'passport',
      documentNumber: 'ak 770-0123',
      issuingCountry: 'KE',
      purpose: 'Key rotation check',
    });
    expect(found).toMatchObject({
      userId: holderId,
      fullName: 'Achieng Otieno',
      numberMasked: '••••••123',
    });
  });
});
