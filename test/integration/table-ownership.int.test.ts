import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PERSON_FOUND } from '../../src/modules/identity-documents/identity-documents.service.js';
import { NotFoundError, ValidationError } from '../../src/platform/http/problem.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/**
 * What modules now ask one another instead of joining each other's tables (table ownership):
 * the names of an organisation's members and of a document's holder come from the accounts
 * module, which leaves closed accounts out; the public register finds agencies by name in the
 * organisations module and by licence number in licensing. On the real services.
 */

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h.close();
});

/** Closes an account as erasure leaves it, without touching any other module's rows. */
async function closeAccount(userId: string): Promise<void> {
  await h.db
    .updateTable('app_user')
    .set({ status: 'closed', closed_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

describe('members of an organisation', () => {
  it('come by name from the accounts module, closed accounts left out', async () => {
    const { people } = h.factories;
    const employer = await people.organisation({ kind: 'employer', name: 'Members Test Employer' });
    const staff = (fullName: string) =>
      people.user({ role: 'employer_staff', organisationId: employer.id, fullName });
    const zara = await staff('Zara Haddad');
    const amina = await staff('Amina Otieno');
    const closed = await staff('Bilal Closed');
    await closeAccount(closed.id);
    const admin = await people.contextOf(await people.user({ role: 'system_admin' }));

    const members = await h.services.organisations.members(admin, employer.id);

    expect(members.map((member) => [member.fullName, member.email, member.role])).toEqual([
      ['Amina Otieno', amina.email, 'employer_staff'],
      ['Zara Haddad', zara.email, 'employer_staff'],
    ]);
  });

  it('are asked of accounts by id, closed ones missing', async () => {
    const open = await h.factories.people.user({ fullName: 'Open Account' });
    const closed = await h.factories.people.user({ fullName: 'Closed Account' });
    await closeAccount(closed.id);
    const profiles = await h.services.accounts.accounts.profiles([open.id, closed.id, open.id]);
    expect([...profiles.values()]).toEqual([
      {
        id: open.id,
        fullName: 'Open Account',
        email: open.email,
        phone: null,
        preferredLanguage: 'en',
      },
    ]);
  });
});

describe('the holder of an identity document', () => {
  const passport = {
    documentType: 'passport' as const,
    documentNumber: 'TO1234567',
    issuingCountry: 'KE',
    expiryDate: null,
  };

  it('is named by the accounts module; a closed account is nobody, and its number stays taken', async () => {
    const { people } = h.factories;
    const holder = await people.user({ fullName: 'Wanjiru Holder' });
    await h.services.identityDocuments.record(await people.contextOf(holder), passport);
    const officer = await people.contextOf(
      await people.user({ role: 'origin_officer', countryCode: 'KE' }),
    );
    const lookup = {
      documentType: 'passport' as const,
      documentNumber: passport.documentNumber,
      issuingCountry: 'KE',
      purpose: 'Table ownership check',
    };

    expect(await h.services.identityDocuments.lookUp(officer, lookup)).toMatchObject({
      userId: holder.id,
      fullName: 'Wanjiru Holder',
    });

    await closeAccount(holder.id);
    const gone = h.services.identityDocuments.lookUp(officer, lookup);
    await expect(gone).rejects.toBeInstanceOf(NotFoundError);
    await expect(gone).rejects.toMatchObject({ detailKey: NO_PERSON_FOUND });

    const other = await people.user();
    const taken = h.services.identityDocuments.record(await people.contextOf(other), passport);
    await expect(taken).rejects.toBeInstanceOf(ValidationError);
    await expect(taken).rejects.toMatchObject({
      fields: [
        { pointer: '/documentNumber', detail: 'identityDocuments.errors.alreadyRegistered' },
      ],
    });
  });
});

describe('Check a recruiter', () => {
  it('puts an exact licence number first, then agencies found by name', async () => {
    const number = 'KE-RA-2099-0042';
    const { licence } = await h.factories.licensing.licence({ name: 'Savanna Links', number });
    const namesake = await h.factories.licensing.agency({ name: `${number} Partners` });

    const found = await h.services.licensing.searchRecruiters(number.toLowerCase());

    expect(found.map((recruiter) => recruiter.id)).toEqual([
      licence.organisationId,
      namesake.organisation.id,
    ]);
    expect(found[0]).toMatchObject({
      name: 'Savanna Links',
      countryCode: 'KE',
      status: 'licensed',
      licence: { number, organisationName: 'Savanna Links' },
    });
    expect(found[1]).toMatchObject({ licence: null, status: 'not_licensed' });
  });
});
