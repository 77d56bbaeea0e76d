import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary } from '../helpers/client.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
const ids = new Map<string, string>();

beforeAll(async () => {
  h = await createHarness({ demo: true });
  const rows = await h.db.selectFrom('organisation').select(['id', 'name']).execute();
  for (const row of rows) ids.set(row.name, row.id);
});
afterAll(async () => {
  await h?.close();
});

const EMPLOYER = 'Gulf Care Hospitals (demo)';
const OTHER_EMPLOYER = 'Desert Line Construction LLC (demo)';

describe('organisations', () => {
  it('lets the system administrator add one, and explains every bad field', async () => {
    const admin = await h.signInDemo('admin@demo.corridor.example');
    const page = await admin.get('/organisations/new');
    expect(page.statusCode).toBe(200);
    const bad = await admin.post('/organisations', {
      kind: 'spaceship',
      name: '',
      countryCode: 'ZZ',
      email: 'nope',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'Select the kind of organisation',
      'Enter the organisation’s name',
      'Enter an email address in the correct format, like name@example.org',
    ]);
    const unknownCountry = await admin.post('/organisations', {
      kind: 'ngo',
      name: 'Migrant Help',
      countryCode: 'ZZ',
    });
    expect(errorSummary(unknownCountry.body)).toEqual(['Select a country']);
    const created = await admin.post('/organisations', {
      kind: 'ngo',
      name: 'مساعدة المهاجرين',
      countryCode: 'JO',
    });
    expect(created.statusCode).toBe(303);
    const shown = await admin.get(created.headers.location as string);
    expect(shown.body).toContain('مساعدة المهاجرين');
    expect(shown.body).toContain('Jordan');
    const audit = await h.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'organisation.created')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('shows staff their own organisation, and "not found" for any other, even by guessing ids', async () => {
    const staff = await h.signInDemo('employer@demo.corridor.example');
    expect((await staff.get(`/organisations/${ids.get(EMPLOYER)}`)).statusCode).toBe(200);
    for (const id of [
      ids.get(OTHER_EMPLOYER),
      ids.get('National Employment Authority (demo)'),
      randomUUID(),
      'not-a-uuid',
    ]) {
      expect((await staff.get(`/organisations/${id}`)).statusCode).toBe(404);
      expect((await staff.get(`/organisations/${id}/edit`)).statusCode).toBe(404);
      expect((await staff.get(`/organisations/${id}/api-keys`)).statusCode).toBe(404);
      expect((await staff.get(`/api/v1/organisations/${id}`)).statusCode).toBe(404);
    }
    const list = (await staff.get('/api/v1/organisations')).json<{ items: { name: string }[] }>();
    expect(list.items.map((item) => item.name)).toEqual([EMPLOYER]);
  });

  it('shows an origin officer the organisations of their jurisdiction', async () => {
    const officer = await h.signInDemo('origin.officer@demo.corridor.example');
    const list = (await officer.get('/api/v1/organisations')).json<{
      items: { countryCode: string }[];
    }>();
    expect(list.items.length).toBe(4);
    expect(list.items.every((item) => item.countryCode === 'KE')).toBe(true);
    // Officers' tools are in their menu; a job seeker's menu never shows them.
    const page = (await officer.get('/organisations')).body;
    expect(page).toContain('href="/people/lookup"');
    // Countries by name in the reader's language, not by code.
    expect(page).toContain('<td class="govuk-table__cell">Kenya</td>');
    expect(page).not.toContain('<td class="govuk-table__cell">KE</td>');
    const arabic = (await officer.get('/organisations?lang=ar')).body;
    expect(arabic).toContain('<td class="govuk-table__cell">كينيا</td>');
    await officer.get('/organisations?lang=en'); // the choice of language is remembered
    const seeker = await h.signInDemo('jobseeker@demo.corridor.example');
    // (Not the home page, which says what officers can do, with links, to everyone.)
    const menu = (await seeker.get('/about/data')).body;
    expect(menu).not.toContain('href="/people/lookup"');
    expect(menu).toContain('href="/account/identity-documents"');
  });

  it('refuses pages to job seekers and to visitors', async () => {
    const seeker = await h.signInDemo('jobseeker@demo.corridor.example');
    expect((await seeker.get('/organisations')).statusCode).toBe(403);
    const visitor = h.anonymous();
    const anonymous = await visitor.get('/organisations');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Forganisations');
    expect((await visitor.get('/api/v1/organisations')).statusCode).toBe(401);
  });
});

describe('API keys', () => {
  it('are shown once, act only within their organisation and permissions, and stop when revoked', async () => {
    const staff = await h.signInDemo('employer@demo.corridor.example');
    const employerId = ids.get(EMPLOYER)!;
    await staff.get(`/organisations/${employerId}/api-keys`);
    const invalid = await staff.post(`/organisations/${employerId}/api-keys`, {
      name: 'Payroll',
      permissions: 'audit.read',
    });
    expect(invalid.statusCode).toBe(400);
    const created = await staff.post(`/organisations/${employerId}/api-keys`, {
      name: 'HR system',
      permissions: 'organisation.read',
    });
    expect(created.statusCode).toBe(200);
    const key = /crd_[a-z0-9]{8}_[A-Za-z0-9_-]{43}/.exec(created.body)?.[0];
    expect(key).toBeTruthy();
    const stored = await h.db
      .selectFrom('api_key')
      .selectAll()
      .where('name', '=', 'HR system')
      .executeTakeFirstOrThrow();
    // The secret is everything after `crd_<prefix>_` (it may itself contain underscores).
    expect(JSON.stringify(stored)).not.toContain(key!.slice('crd_'.length + 9));

    const call = (url: string, bearer = key!) =>
      h.app.inject({ url, headers: { authorization: `Bearer ${bearer}` } });
    const list = await call('/api/v1/organisations');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([
      employerId,
    ]);
    expect((await call(`/api/v1/organisations/${ids.get(OTHER_EMPLOYER)}`)).statusCode).toBe(404);
    expect((await call('/api/v1/audit/events')).statusCode).toBe(403);
    expect((await call('/api/v1/organisations', 'crd_nope')).statusCode).toBe(401);
    const lastUsed = await h.db
      .selectFrom('api_key')
      .select('last_used_at')
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow();
    expect(lastUsed.last_used_at).not.toBeNull();

    const page = await staff.get(`/organisations/${employerId}/api-keys`);
    expect(page.body).not.toContain(key);
    const revoked = await staff.post(`/organisations/${employerId}/api-keys/${stored.id}/revoke`);
    expect(revoked.statusCode).toBe(303);
    expect((await call('/api/v1/organisations')).statusCode).toBe(401);
    const actions = await h.db
      .selectFrom('audit_event')
      .select('action')
      .where(sql<boolean>`${stored.id} = any(subject_ids)`)
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('cannot be made for another organisation', async () => {
    const staff = await h.signInDemo('employer@demo.corridor.example');
    await staff.get(`/organisations/${ids.get(EMPLOYER)}/api-keys`);
    const response = await staff.post(`/organisations/${ids.get(OTHER_EMPLOYER)}/api-keys`, {
      name: 'Sneaky',
      permissions: 'organisation.read',
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('invitations', () => {
  it('bring a new member in through the emailed link, once', async () => {
    const admin = await h.signInDemo('agency@demo.corridor.example');
    const agencyId = ids.get('Savannah Careers Abroad Ltd (demo)')!;
    await admin.get(`/organisations/${agencyId}/invitations/new`);
    const wrongRole = await admin.post(`/organisations/${agencyId}/invitations`, {
      email: 'x@example.org',
      role: 'border_officer',
    });
    expect(wrongRole.statusCode).toBe(400);
    const sent = await admin.post(`/organisations/${agencyId}/invitations`, {
      email: 'New.Recruiter@Example.org',
      role: 'agency_staff',
    });
    expect(sent.statusCode).toBe(303);
    const mail = await h.db
      .selectFrom('email_outbox')
      .select('body_text')
      .where('recipient', '=', 'new.recruiter@example.org')
      .executeTakeFirstOrThrow();
    const link = /\/invitations\/[A-Za-z0-9_-]{43}/.exec(mail.body_text ?? '')?.[0];
    expect(link).toBeTruthy();

    const invitee = h.anonymous();
    expect((await invitee.get(link!)).body).toContain('Savannah Careers Abroad Ltd (demo)');
    const weak = await invitee.post(link!, {
      fullName: 'Njeri',
      password: 'short',
      confirmPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    const accepted = await invitee.post(link!, {
      fullName: 'Njeri',
      password: 'a long enough pass phrase',
      confirmPassword: 'a long enough pass phrase',
    });
    expect(accepted.statusCode).toBe(303);
    const member = await h.db
      .selectFrom('role_assignment')
      .innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
      .select(['role_assignment.role', 'role_assignment.organisation_id'])
      .where('app_user.email', '=', 'new.recruiter@example.org')
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ role: 'agency_staff', organisation_id: agencyId });
    expect((await invitee.get(link!)).body).toContain('already been accepted');
    expect((await h.anonymous().get('/invitations/forged-token')).body).toContain('not valid');
  });
});

describe('members', () => {
  it('lets an administrator change a role and remove a member, but never the last administrator', async () => {
    const admin = await h.signInDemo('agency@demo.corridor.example');
    const agencyId = ids.get('Savannah Careers Abroad Ltd (demo)')!;
    const rows = await h.db
      .selectFrom('role_assignment')
      .innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
      .select(['app_user.id', 'app_user.email'])
      .where('role_assignment.organisation_id', '=', agencyId)
      .execute();
    const self = rows.find((row) => row.email === 'agency@demo.corridor.example')!;
    const page = await admin.get(`/organisations/${agencyId}/members/${self.id}`);
    expect(page.statusCode).toBe(200);
    const demote = await admin.post(`/organisations/${agencyId}/members/${self.id}`, {
      role: 'agency_staff',
    });
    expect(demote.statusCode).toBe(400);
    expect(errorSummary(demote.body)).toEqual([
      'The organisation must keep at least one administrator',
    ]);
    const removeSelf = await admin.post(`/organisations/${agencyId}/members/${self.id}/remove`);
    expect(removeSelf.statusCode).toBe(400);

    const other = rows.find((row) => row.email !== self.email);
    if (other) {
      const promoted = await admin.post(`/organisations/${agencyId}/members/${other.id}`, {
        role: 'agency_staff',
        administrator: 'yes',
      });
      expect(promoted.statusCode).toBe(303);
      const removed = await admin.post(`/organisations/${agencyId}/members/${other.id}/remove`);
      expect(removed.statusCode).toBe(303);
      const actions = await h.db
        .selectFrom('audit_event')
        .select('action')
        .where('data_subject_user_id', '=', other.id)
        .where('action', 'like', 'member.%')
        .orderBy('id')
        .execute();
      expect(actions.map((row) => row.action)).toEqual(['member.role_changed', 'member.removed']);
    }
    // Another organisation's member, by id: not found.
    const employerStaff = await h.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'employer@demo.corridor.example')
      .executeTakeFirstOrThrow();
    expect(
      (await admin.get(`/organisations/${agencyId}/members/${employerStaff.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await admin.get(`/organisations/${ids.get(EMPLOYER)}/members/${employerStaff.id}`))
        .statusCode,
    ).toBe(404);
  });
});

describe('jurisdiction', () => {
  it('cannot be moved by an organisation’s own administrator', async () => {
    const officer = await h.signInDemo('origin.officer@demo.corridor.example');
    const id = ids.get('National Employment Authority (demo)')!;
    await officer.get(`/organisations/${id}/edit`);
    const moved = await officer.post(`/organisations/${id}`, {
      name: 'National Employment Authority (demo)',
      countryCode: 'AE',
    });
    expect(moved.statusCode).toBe(400);
    expect(errorSummary(moved.body)).toEqual([
      'Only a system administrator can change an organisation’s country',
    ]);
    const renamed = await officer.post(`/organisations/${id}`, {
      name: 'National Employment Authority',
      countryCode: 'KE',
    });
    expect(renamed.statusCode).toBe(303);
  });
});

describe('invitation links', () => {
  it('answer an oversized or malformed token with the "not valid" page, never a 500', async () => {
    const visitor = h.anonymous();
    for (const token of ['x'.repeat(150), 'x'.repeat(500), '%00%ff', 'a/b']) {
      const response = await visitor.get(`/invitations/${token}`);
      expect(response.statusCode).toBeLessThan(500);
    }
    const long = await visitor.get(`/invitations/${'x'.repeat(150)}`);
    expect(long.statusCode).toBe(200);
    expect(long.body).toContain('not valid');
  });
});
