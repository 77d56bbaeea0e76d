import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../platform/http/problem.js';
import { as, licensingFixture } from './licensing.test-support.js';

/**
 * employer.vet reaches the employers of the officer's jurisdiction only, the country the
 * employer is registered in: Kenya's embassy in the UAE vets Emirati employers; a Kenyan
 * authority, an authority of another country, or an embassy elsewhere does not (service, pages,
 * API, session and key alike), and the vetting list shows each only the employers they reach.
 */
let f: Awaited<ReturnType<typeof licensingFixture>>;

beforeAll(async () => {
  f = await licensingFixture();
});

afterAll(async () => {
  await f?.close();
});

describe('who vets which employers', () => {
  it('the embassy in the employer’s country vets; officers elsewhere get “not found”', async () => {
    const { people, licensing } = f.web.factories;
    const kenyanEmployer = await people.organisation({ kind: 'employer', countryCode: 'KE' });
    const elsewhere = await licensing.embassy('SA');
    const inSaudiArabia = await people.principalOf(elsewhere.staff);
    await f.vetting.act(as(f.employerStaff), f.employerId, 'submit');

    for (const outsider of [f.officer, f.foreignOfficer, inSaudiArabia]) {
      await expect(f.vetting.act(as(outsider), f.employerId, 'vet')).rejects.toThrow(NotFoundError);
      await expect(f.vetting.act(as(outsider), f.employerId, 'reject', 'no')).rejects.toThrow(
        NotFoundError,
      );
      await expect(f.vetting.get(as(outsider), f.employerId)).rejects.toThrow(NotFoundError);
      expect((await f.vetting.list(as(outsider))).map((row) => row.organisationId)).not.toContain(
        f.employerId,
      );
    }
    // The Kenyan authority vets an employer in Kenya, and the embassy in the UAE does not.
    expect((await f.vetting.act(as(f.officer), kenyanEmployer.id, 'submit')).state).toBe(
      'submitted',
    );
    await expect(f.vetting.act(as(f.embassyOfficer), kenyanEmployer.id, 'vet')).rejects.toThrow(
      NotFoundError,
    );
    expect((await f.vetting.list(as(f.officer))).map((row) => row.organisationId)).toEqual([
      kenyanEmployer.id,
    ]);

    const listed = (await f.vetting.list(as(f.embassyOfficer))).map((row) => row.organisationId);
    expect(listed).toContain(f.employerId);
    expect(listed).not.toContain(kenyanEmployer.id);
    expect((await f.vetting.act(as(f.embassyOfficer), f.employerId, 'vet')).state).toBe('vetted');
  });

  it('through the pages: the list, the employer’s page and the decision', async () => {
    const employer = (await f.web.factories.licensing.employer({ vetting: 'submitted' }))
      .organisation;
    const kenyan = await f.web.signIn(f.users.officer);
    const embassy = await f.web.signIn(f.users.embassyOfficer);

    expect((await kenyan.get('/employers/vetting')).body).not.toContain(employer.id);
    expect((await kenyan.get(`/employers/${employer.id}/vetting`)).statusCode).toBe(404);
    const refused = await kenyan.post(`/employers/${employer.id}/vetting`, { event: 'vet' });
    expect(refused.statusCode).toBe(404);
    expect((await f.vetting.get(as(f.embassyOfficer), employer.id)).vetting?.state).toBe(
      'submitted',
    );

    expect((await embassy.get('/employers/vetting')).body).toContain(employer.id);
    const page = await embassy.get(`/employers/${employer.id}/vetting`);
    expect(page.statusCode).toBe(200);
    const vetted = await embassy.post(`/employers/${employer.id}/vetting`, { event: 'vet' });
    expect(vetted.statusCode).toBe(303);
    expect((await f.vetting.get(as(f.embassyOfficer), employer.id)).vetting?.state).toBe('vetted');
  });

  it('through the API: a session or a key of the wrong country gets 404, the right one 200', async () => {
    const employer = (await f.web.factories.licensing.employer({ vetting: 'submitted' }))
      .organisation;
    const url = `/api/v1/employers/${employer.id}/vetting/events`;
    const kenyan = await f.web.signIn(f.users.officer);
    expect((await kenyan.json('POST', url, { event: 'vet' })).statusCode).toBe(404);
    const authorityKey = await f.web.apiClient({
      organisationId: f.authorityId,
      permissions: ['licence.read', 'employer.vet'],
    });
    expect(
      (await authorityKey.client.json('POST', url, { event: 'reject', reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await f.vetting.get(as(f.embassyOfficer), employer.id)).vetting?.state).toBe(
      'submitted',
    );
    const embassyKey = await f.web.apiClient({
      organisationId: (await f.web.factories.licensing.embassy('AE')).organisation.id,
      permissions: ['licence.read', 'employer.vet'],
    });
    const vetted = await embassyKey.client.json('POST', url, { event: 'vet' });
    expect(vetted.statusCode).toBe(200);
    expect(vetted.json()).toEqual({ organisationId: employer.id, state: 'vetted' });
  });
});
