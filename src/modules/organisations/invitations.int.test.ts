import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';

/** An invitation and its email are written together, or not at all. */
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
