import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionStatRecord } from '../statistics/statistics.types.js';
import { DecisionStatisticsSource } from './licensing.statistics.js';
import { DecisionStatisticsRepository } from './licensing.statistics.repository.js';
import {
  as,
  licensingFixture,
  nextYear,
  today,
  type LicensingFixture,
} from './licensing.test-support.js';

/**
 * Licences and employer vettings as the statistics read them (licensing.statistics.ts), decided
 * through the licensing services on real SQL and read back through `decisionStatistics`.
 */
let f: LicensingFixture;
let source: LicensingFixture['web']['services']['decisionStatistics'];

/** Licence ids and vetting ids, each with its kind, in id order. */
const allSubjects = async () => {
  const licences = await f.db.selectFrom('licence').select('id').execute();
  const vettings = await f.db.selectFrom('employer_vetting').select('id').execute();
  return [
    ...licences.map(({ id }) => ({ id, kind: 'licence' })),
    ...vettings.map(({ id }) => ({ id, kind: 'employer_vetting' })),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

const steps = (record: DecisionStatRecord | undefined) =>
  record?.history.map((step) => [step.event, step.actorOrganisationId]);

beforeAll(async () => {
  f = await licensingFixture();
  source = f.web.services.decisionStatistics;
});

afterAll(async () => {
  await f?.close();
});

describe('the decisions statistics source', () => {
  it('gives a licence with its history: applied by the agency, decided by the authority', async () => {
    const { id: agencyId, staff } = await f.agency('Stat Granted Agency');
    const applied = await f.licensing.apply(as(staff), agencyId);
    await f.licensing.decide(as(f.officer), applied.id, {
      event: 'grant',
      validFrom: today,
      validTo: nextYear,
    });
    await f.licensing.decide(as(f.officer), applied.id, {
      event: 'suspend',
      reason: 'Fees charged to workers',
    });

    const [record] = await source.byIds([applied.id]);
    expect(record).toMatchObject({ id: applied.id, kind: 'licence' });
    expect(steps(record)).toEqual([
      ['apply', agencyId],
      ['grant', f.authorityId],
      ['suspend', f.authorityId],
    ]);
    const times = record!.history.map((step) => step.at.getTime());
    expect(times.every((time) => Number.isFinite(time))).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('gives a refused licence', async () => {
    const { id: agencyId, staff } = await f.agency('Stat Refused Agency');
    const applied = await f.licensing.apply(as(staff), agencyId);
    await f.licensing.decide(as(f.officer), applied.id, {
      event: 'refuse',
      reason: 'No proof of office',
    });
    const [record] = await source.byIds([applied.id]);
    expect(steps(record)).toEqual([
      ['apply', agencyId],
      ['refuse', f.authorityId],
    ]);
  });

  it('gives an employer vetting by its id: submitted, rejected, submitted again, vetted', async () => {
    const employer = await f.web.factories.people.organisation({
      kind: 'employer',
      name: 'Doha Stat Clinics',
      countryCode: 'AE',
    });
    const submitted = await f.vetting.act(as(f.embassyOfficer), employer.id, 'submit');
    await f.vetting.act(as(f.embassyOfficer), employer.id, 'reject', 'Address not found');
    await f.vetting.act(as(f.embassyOfficer), employer.id, 'submit');
    const vetted = await f.vetting.act(as(f.embassyOfficer), employer.id, 'vet');
    expect(vetted.id).toBe(submitted.id);

    const [record] = await source.byIds([vetted.id]);
    expect(record).toMatchObject({ id: vetted.id, kind: 'employer_vetting' });
    const embassy = f.embassyOfficer.grants[0]?.organisationId ?? null;
    expect(steps(record)).toEqual([
      ['submit', embassy],
      ['reject', embassy],
      ['submit', embassy],
      ['vet', embassy],
    ]);
    // An employer's id is not a vetting's.
    expect(await source.byIds([employer.id])).toEqual([]);
  });

  it('mixes both kinds in one answer and leaves out unknown and malformed ids', async () => {
    const subjects = await allSubjects();
    const licence = subjects.find((subject) => subject.kind === 'licence')!;
    const vetting = subjects.find((subject) => subject.kind === 'employer_vetting')!;
    const records = await source.byIds([
      randomUUID(),
      vetting.id,
      'licence-1',
      licence.id.toUpperCase(),
      licence.id,
    ]);
    expect(records.map(({ id, kind }) => ({ id, kind }))).toEqual(
      [licence, vetting].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await source.byIds([])).toEqual([]);
    expect(await source.byIds(Array.from({ length: 1200 }, () => randomUUID()))).toEqual([]);
  });

  it('pages licences and vettings together, once each, by id', async () => {
    for (const name of ['Stat Page One', 'Stat Page Two']) await f.granted(name);
    const subjects = await allSubjects();
    expect(new Set(subjects.map((subject) => subject.kind)).size).toBe(2);
    for (const limit of [1, 2, 3]) {
      const seen: DecisionStatRecord[] = [];
      let after: string | null = null;
      for (;;) {
        const page: DecisionStatRecord[] = await source.page(after, limit);
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(limit);
        seen.push(...page);
        after = page.at(-1)!.id;
      }
      expect(seen.map(({ id, kind }) => ({ id, kind }))).toEqual(subjects);
      // The same records, histories included, as by id.
      expect(seen).toEqual(await source.byIds(subjects.map((subject) => subject.id)));
    }
    expect(await source.page(subjects.at(-1)!.id, 10)).toEqual([]);
    await expect(source.page('nope', 10)).rejects.toThrow(RangeError);
  });

  it('reads a batch of 1,000 ids, or a page of 5,000, in four queries', async () => {
    const statements: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted = new DecisionStatisticsSource(
      new DecisionStatisticsRepository(f.db.withPlugin(counter)),
    );
    const ids = (await allSubjects()).map((subject) => subject.id);
    const asked = [...ids, ...Array.from({ length: 1000 - ids.length }, () => randomUUID())];
    // `set local enable_seqscan = off`, licences, vettings, then the events of each.
    const four = ['RawNode', ...Array<string>(4).fill('SelectQueryNode')];
    expect(await counted.byIds(asked)).toHaveLength(ids.length);
    expect(statements).toEqual(four);
    statements.length = 0;
    expect(await counted.page(null, 5000)).toHaveLength(ids.length);
    expect(statements).toEqual(four);
  });

  it('publishes licence.* (subject: the licence) and employer.* (subject: the vetting)', async () => {
    const licence = await f.granted('Stat Events Agency');
    const employer = await f.web.factories.people.organisation({
      kind: 'employer',
      name: 'Stat Events Employer',
      countryCode: 'AE',
    });
    const vetting = await f.vetting.act(as(f.embassyOfficer), employer.id, 'submit');
    await f.vetting.act(as(f.embassyOfficer), employer.id, 'vet');
    const published = async (subjectId: string) =>
      (
        await f.db
          .selectFrom('domain_event')
          .select(['type', 'subject_type'])
          .where('subject_id', '=', subjectId)
          .orderBy('id')
          .execute()
      ).map((row) => `${row.subject_type}: ${row.type}`);
    expect(await published(licence.id)).toEqual([
      'licence: licence.applied',
      'licence: licence.granted',
    ]);
    expect(await published(vetting.id)).toEqual([
      'employer_vetting: employer.submitted',
      'employer_vetting: employer.vetted',
    ]);
  });
});
