import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';

/**
 * An invitation and its email are written together, or not at all; an administrator withdraws
 * one; only a system administrator gives the auditor role.
 */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const invitationRows = async () =>
  Number(
    (
      await h.db
        .selectFrom('invitation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('inviting a member', () => {
  it('queues the email with the invitation', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'employer' });
    const admin = await h.factories.people.user({
      role: 'employer_staff',
      organisationId: organisation.id,
      administrator: true,
    });
    const ctx = await h.factories.people.contextOf(admin);
    await h.services.invitations.invite(
      ctx,
      organisation.id,
      { email: 'new.member@example.org', role: 'employer_staff', administrator: false },
      (key) => key,
    );
    const [email] = await h.emailsTo('new.member@example.org');
    expect(email?.subject).toBe('invitations.mail.subject');
  });

  it('writes no invitation when its email cannot be queued', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'employer' });
    const admin = await h.factories.people.user({
      role: 'employer_staff',
      organisationId: organisation.id,
      administrator: true,
    });
    const failing = new InvitationsService(
      new InvitationsRepository(h.db),
      h.services.roles,
      h.services.organisations,
      h.services.accounts.accounts,
      {
        enqueue: async () => {
          throw new Error('outbox unavailable');
        },
        deliver: async () => undefined,
      },
      h.services.audit,
      { publicUrl: 'https://corridor.example' },
    );
    const before = await invitationRows();
    await expect(
      failing.invite(
        await h.factories.people.contextOf(admin),
        organisation.id,
        { email: 'lost@example.org', role: 'employer_staff', administrator: false },
        (key) => key,
      ),
    ).rejects.toThrow('outbox unavailable');
    expect(await invitationRows()).toBe(before);
  });
});

/** The emailed link of the newest invitation to this address. */
async function invitationLink(address: string): Promise<string> {
  const [mail] = await h.emailsTo(address);
  const link = /\/invitations\/[A-Za-z0-9_-]{43}/.exec(mail?.bodyText ?? '')?.[0];
  if (!link) throw new Error(`no invitation link to ${address}`);
  return link;
}

describe('withdrawing an invitation', () => {
  it('stops its link, through the page, audited; only once, and only in one’s organisation', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'recruitment_agency' });
    const admin = await h.factories.people.administratorOf(organisation);
    const client = await h.signIn(admin);
    await client.get(`/organisations/${organisation.id}/invitations/new`);
    const sent = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'withdrawn@example.org',
      role: 'agency_staff',
    });
    expect(sent.statusCode).toBe(303);
    const link = await invitationLink('withdrawn@example.org');
    const invitation = await h.db
      .selectFrom('invitation')
      .select('id')
      .where('email', '=', 'withdrawn@example.org')
      .executeTakeFirstOrThrow();

    const page = await client.get(`/organisations/${organisation.id}/invitations/new?sent=1`);
    expect(page.body).toContain('Invitation sent');
    expect(page.body).toContain(`/invitations/${invitation.id}/revoke`);

    // Another organisation's administrator cannot reach it.
    const other = await h.factories.people.organisation({ kind: 'recruitment_agency' });
    const stranger = await h.signIn(await h.factories.people.administratorOf(other));
    await stranger.get(`/organisations/${other.id}/invitations/new`);
    expect(
      (await stranger.post(`/organisations/${organisation.id}/invitations/${invitation.id}/revoke`))
        .statusCode,
    ).toBe(404);
    expect(
      (await stranger.post(`/organisations/${other.id}/invitations/${invitation.id}/revoke`))
        .statusCode,
    ).toBe(404);

    // The invitee opens the form before the invitation is withdrawn, and sends it after.
    const invitee = h.anonymous();
    expect((await invitee.get(link)).body).toContain('name="password"');

    const revoked = await client.post(
      `/organisations/${organisation.id}/invitations/${invitation.id}/revoke`,
    );
    expect(revoked.statusCode).toBe(303);
    const after = await client.get(String(revoked.headers.location));
    expect(after.body).toContain('Invitation withdrawn');
    expect(after.body).not.toContain('withdrawn@example.org');
    const again = await client.post(
      `/organisations/${organisation.id}/invitations/${invitation.id}/revoke`,
    );
    expect(again.statusCode).toBe(404);

    const shown = await h.anonymous().get(link);
    expect(shown.body).toContain('The organisation has withdrawn this invitation');
    expect(shown.body).not.toContain('name="password"');
    const accepted = await invitee.post(link, {
      fullName: 'Too Late',
      password: 'a long enough pass phrase',
      confirmPassword: 'a long enough pass phrase',
    });
    expect(accepted.statusCode).toBe(400);
    expect(accepted.body).toContain('The organisation has withdrawn this invitation');
    const account = await h.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'withdrawn@example.org')
      .executeTakeFirst();
    expect(account).toBeUndefined();

    const audit = await h.db
      .selectFrom('audit_event')
      .select(['action', 'actor_user_id', 'subject_ids'])
      .where('action', 'like', 'invitation.%')
      .orderBy('id')
      .execute();
    expect(
      audit
        .filter((row) => row.subject_ids.includes(invitation.id))
        .map(({ action, actor_user_id }) => ({ action, actor_user_id })),
    ).toEqual([
      { action: 'invitation.created', actor_user_id: admin.id },
      { action: 'invitation.revoked', actor_user_id: admin.id },
    ]);
  });

  it('cannot withdraw an invitation already accepted', async () => {
    const organisation = await h.factories.people.organisation({ kind: 'employer' });
    const admin = await h.factories.people.administratorOf(organisation);
    const ctx = await h.factories.people.contextOf(admin);
    const client = await h.signIn(admin);
    await client.get(`/organisations/${organisation.id}/invitations/new`);
    await client.post(`/organisations/${organisation.id}/invitations`, {
      email: 'accepted.first@example.org',
      role: 'employer_staff',
    });
    const token = (await invitationLink('accepted.first@example.org')).split('/').pop()!;
    await h.services.invitations.accept(
      token,
      { fullName: 'Quick', password: 'a long enough pass phrase', preferredLanguage: 'en' },
      { requestId: null, ipAddress: null },
    );
    const row = await h.db
      .selectFrom('invitation')
      .select('id')
      .where('accepted_at', 'is not', null)
      .where('organisation_id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    await expect(
      h.services.invitations.revoke(ctx, organisation.id, row.id),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the auditor role', () => {
  it('is given only by a system administrator: an authority’s administrator is refused, page and service', async () => {
    const authority = await h.factories.people.organisation({ kind: 'origin_authority' });
    const admin = await h.factories.people.administratorOf(authority);
    const client = await h.signIn(admin);
    const form = await client.get(`/organisations/${authority.id}/invitations/new`);
    expect(form.body).toContain('value="analyst"');
    expect(form.body).not.toContain('value="auditor"');
    const refused = await client.post(`/organisations/${authority.id}/invitations`, {
      email: 'self.chosen.auditor@example.org',
      role: 'auditor',
    });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'Only a system administrator can give the auditor role. Ask a system administrator to invite the auditor',
    ]);
    await expect(
      h.services.invitations.invite(
        await h.factories.people.contextOf(admin),
        authority.id,
        { email: 'self.chosen.auditor@example.org', role: 'auditor', administrator: false },
        (key) => key,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await h.emailsTo('self.chosen.auditor@example.org')).toEqual([]);

    // Nor by turning a member into one.
    const analyst = await h.factories.people.user({
      role: 'analyst',
      organisationId: authority.id,
    });
    await client.get(`/organisations/${authority.id}/members/${analyst.id}`);
    const promoted = await client.post(`/organisations/${authority.id}/members/${analyst.id}`, {
      role: 'auditor',
    });
    expect(promoted.statusCode).toBe(400);
    expect(
      (
        await h.db
          .selectFrom('role_assignment')
          .select('role')
          .where('user_id', '=', analyst.id)
          .execute()
      ).map((row) => row.role),
    ).toEqual(['analyst']);
  });

  it('is given by a system administrator, by invitation and by a change of role', async () => {
    const authority = await h.factories.people.organisation({ kind: 'destination_authority' });
    const admin = await h.factories.people.administratorOf(authority);
    const sysadmin = await h.signIn(await h.factories.people.systemAdmin());
    const form = await sysadmin.get(`/organisations/${authority.id}/invitations/new`);
    expect(form.body).toContain('value="auditor"');
    const sent = await sysadmin.post(`/organisations/${authority.id}/invitations`, {
      email: 'chosen.auditor@example.org',
      role: 'auditor',
    });
    expect(sent.statusCode).toBe(303);
    expect(await h.emailsTo('chosen.auditor@example.org')).toHaveLength(1);

    const analyst = await h.factories.people.user({
      role: 'analyst',
      organisationId: authority.id,
    });
    await sysadmin.get(`/organisations/${authority.id}/members/${analyst.id}`);
    const promoted = await sysadmin.post(`/organisations/${authority.id}/members/${analyst.id}`, {
      role: 'auditor',
    });
    expect(promoted.statusCode).toBe(303);

    // The authority's administrator may keep an auditor an auditor (no new grant).
    const client = await h.signIn(admin);
    const page = await client.get(`/organisations/${authority.id}/members/${analyst.id}`);
    expect(page.body).toContain('value="auditor"');
    const kept = await client.post(`/organisations/${authority.id}/members/${analyst.id}`, {
      role: 'auditor',
    });
    expect(kept.statusCode).toBe(303);
  });
});
