import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/**
 * An administrator resets a member's two-factor authentication (for staff who lost their phone
 * and their recovery codes): who may reset whose, what it changes, the email and the audit row.
 */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const twoFactorOf = (userId: string) =>
  h.db
    .selectFrom('app_user')
    .select(['totp_enabled_at', 'totp_secret_encrypted'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();

const recoveryCodes = async (userId: string) =>
  (await h.db.selectFrom('recovery_code').select('id').where('user_id', '=', userId).execute())
    .length;

describe('resetting a member’s two-factor authentication', () => {
  it('lets the organisation’s administrator reset a staff member’s: signed out, emailed in their language, set up again at next sign-in', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'employer' });
    const admin = await h.factories.people.administratorOf(organisation);
    const member = await h.factories.people.user({
      role: 'employer_staff',
      organisationId: organisation.id,
      preferredLanguage: 'fr',
    });
    const memberSession = await h.signIn(member);
    expect((await memberSession.get('/account')).statusCode).toBe(200);
    expect(await recoveryCodes(member.id)).toBe(10);

    const client = await h.signIn(admin);
    const page = await client.get(`/organisations/${organisation.id}/members/${member.id}`);
    expect(page.body).toContain(`/members/${member.id}/two-factor/reset`);
    const reset = await client.post(
      `/organisations/${organisation.id}/members/${member.id}/two-factor/reset`,
    );
    expect(reset.statusCode).toBe(303);
    const done = await client.get(String(reset.headers.location));
    expect(done.body).toContain('Two-factor authentication reset');

    expect(await twoFactorOf(member.id)).toEqual({
      totp_enabled_at: null,
      totp_secret_encrypted: null,
    });
    expect(await recoveryCodes(member.id)).toBe(0);
    // Every session of theirs ended.
    expect((await memberSession.get('/account')).statusCode).toBe(303);

    const [email] = await h.emailsTo(member.email);
    expect(email?.subject).toBe(
      'Votre authentification à deux facteurs Corridor a été réinitialisée',
    );
    expect(email?.bodyText).toContain(organisation.name);

    const [event] = await h.db
      .selectFrom('audit_event')
      .select(['action', 'actor_user_id', 'data_subject_user_id', 'subject_ids'])
      .where('action', '=', 'two_factor.reset')
      .execute();
    expect(event).toEqual({
      action: 'two_factor.reset',
      actor_user_id: admin.id,
      data_subject_user_id: member.id,
      subject_ids: [member.id],
    });

    // The password alone now opens only the two-factor set-up: their role needs it.
    const again = h.anonymous();
    await again.get('/sign-in');
    const signedIn = await again.post('/sign-in', {
      email: member.email,
      password: member.password,
    });
    expect(signedIn.statusCode).toBe(303);
    const account = await again.get('/account');
    expect(account.statusCode).toBe(303);
    expect(account.headers.location).toBe('/account/two-factor');
    expect((await again.get(`/organisations/${organisation.id}`)).statusCode).toBe(303);

    // Nothing to reset a second time.
    await client.get(`/organisations/${organisation.id}/members/${member.id}`);
    const twice = await client.post(
      `/organisations/${organisation.id}/members/${member.id}/two-factor/reset`,
    );
    expect(twice.statusCode).toBe(400);
    expect(errorSummary(twice.body)).toEqual([
      'They have not set up two-factor authentication, so there is nothing to reset',
    ]);
  });

  it('refuses an administrator their own, another administrator’s, and another organisation’s members', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'recruitment_agency' });
    const admin = await h.factories.people.administratorOf(organisation);
    const fellow = await h.factories.people.user({
      role: 'agency_staff',
      organisationId: organisation.id,
      administrator: true,
    });
    const stranger = await h.factories.people.user({ role: 'agency_staff' });
    const client = await h.signIn(admin);
    const url = (id: string, org = organisation.id) =>
      `/organisations/${org}/members/${id}/two-factor/reset`;

    const ownPage = await client.get(`/organisations/${organisation.id}/members/${admin.id}`);
    expect(ownPage.body).not.toContain(url(admin.id));
    expect(ownPage.body).toContain('You cannot reset your own two-factor authentication');
    const own = await client.post(url(admin.id));
    expect(own.statusCode).toBe(400);
    expect(errorSummary(own.body)).toEqual([
      'You cannot reset your own two-factor authentication. Ask another administrator',
    ]);

    await client.get(`/organisations/${organisation.id}/members/${fellow.id}`);
    const ofAdministrator = await client.post(url(fellow.id));
    expect(ofAdministrator.statusCode).toBe(400);
    expect(errorSummary(ofAdministrator.body)).toEqual([
      'Only a system administrator can reset this person’s two-factor authentication',
    ]);

    expect((await client.post(url(stranger.id))).statusCode).toBe(404);
    expect((await client.post(url(stranger.id, stranger.organisationId!))).statusCode).toBe(404);

    for (const user of [admin, fellow, stranger]) {
      expect((await twoFactorOf(user.id)).totp_enabled_at).not.toBeNull();
    }
    expect(
      await h.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'two_factor.reset')
        .where('data_subject_user_id', 'in', [admin.id, fellow.id, stranger.id])
        .execute(),
    ).toEqual([]);
  });

  it('lets a system administrator reset an organisation administrator’s', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'origin_authority' });
    const admin = await h.factories.people.administratorOf(organisation);
    const sysadmin = await h.factories.people.systemAdmin();
    const client = await h.signIn(sysadmin);
    await client.get(`/organisations/${organisation.id}/members/${admin.id}`);
    const reset = await client.post(
      `/organisations/${organisation.id}/members/${admin.id}/two-factor/reset`,
    );
    expect(reset.statusCode).toBe(303);
    expect((await twoFactorOf(admin.id)).totp_enabled_at).toBeNull();
    expect(await h.auditActionsFor(admin.id)).toContain('two_factor.reset');
  });
});
