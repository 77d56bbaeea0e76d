import { describe, expect, it } from 'vitest';
import type { AuditLog } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { ValidationError } from '../../platform/http/problem.js';
import type { VettingRepository } from './vetting.repository.js';
import { transitionVetting } from './vetting.states.js';

describe('transitionVetting', () => {
  it('answers two first submissions at once with a refusal, not a 500', async () => {
    // The second of two concurrent first submissions: no row to lock, and the insert is refused
    // by the unique index on the employer.
    const unique = Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint: 'employer_vetting_organisation_id_key',
    });
    const repository = {
      transaction: (work: (trx: unknown) => Promise<unknown>) => work({}),
      lockVetting: () => Promise.resolve(null),
      writeVettingState: () => Promise.reject(unique),
    } as unknown as VettingRepository;
    const audit = { record: () => Promise.resolve() } as unknown as AuditLog;
    const attempt = transitionVetting(
      { repository, audit },
      { organisationId: 'e1', event: 'submit', actor: SYSTEM_ACTOR, now: new Date() },
    );
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      fields: [{ pointer: '/event', detail: 'licensing.vetting.notAllowed.submit' }],
    });
  });
});
