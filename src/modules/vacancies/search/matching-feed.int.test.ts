import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEGINNING, type PublishedEvent } from '../../../platform/events/domain-event.js';
import { Outbox } from '../../../platform/events/outbox.js';
import { isoDay, searchFixture, type SearchFixture } from './search.test-support.js';

/**
 * What the matching index reads of the vacancies (matchingVacancies, matchingVacanciesOf), the
 * search's result cards for recommended vacancies (cards), and the events that keep the index
 * in step with a published vacancy's changes.
 */
let f: SearchFixture;
let skills: { id: string; essential: boolean }[];

beforeAll(async () => {
  f = await searchFixture();
  const rows = await f.db
    .selectFrom('occupation_skill')
    .select(['skill_id', 'relation'])
    .where('occupation_id', '=', f.nurse.id)
    .orderBy('skill_id')
    .limit(3)
    .execute();
  skills = rows.map((row, i) => ({ id: row.skill_id, essential: i < 2 }));
}, 120_000);
afterAll(async () => {
  await f?.close();
});

async function withSkills(vacancyId: string) {
  await f.db
    .insertInto('vacancy_skill')
    .values(skills.map((s) => ({ vacancy_id: vacancyId, skill_id: s.id, essential: s.essential })))
    .execute();
}

describe('the vacancies matching reads', () => {
  let open: { id: string; number: number };
  let second: { id: string; number: number };
  let agencyVacancy: { id: string; number: number };
  let hidden: { id: string; number: number }[];

  beforeAll(async () => {
    const now = f.now();
    open = await f.vacancy({
      languages: [
        { language: 'en', cefr_level: 'B1' },
        { language: 'fr', cefr_level: 'C1' },
      ],
      translations: [
        { language: 'fr', title: 'Infirmier, service général', description: 'Soins.' },
      ],
    });
    await withSkills(open.id);
    hidden = [
      await f.vacancy({ state: 'draft', published_at: null }),
      await f.vacancy({ state: 'closed' }),
      await f.vacancy({ state: 'filled' }),
      await f.vacancy({ state: 'expired', application_deadline: isoDay(now, -2) }),
      // Still 'published' but its deadline passed yesterday (the sweep has not run yet).
      await f.vacancy({ application_deadline: isoDay(now, -1) }),
    ];
    second = await f.vacancy({
      occupation_id: null,
      isco_code: '5120',
      min_isced_level: null,
      experience_months: 0,
      destination_country: 'QA',
      destination_subdivision: null,
      title: 'Cook',
      languages: [],
      // The deadline day itself is still open.
      application_deadline: isoDay(now, 0),
    });
    const { agencyId, licenceId } = await f.licensedAgency('Mombasa Nurses');
    agencyVacancy = await f.vacancy({ agency_organisation_id: agencyId, title: 'Midwife' });
    await f.setLicenceState(licenceId, 'suspended');
  });

  it('pages through the published, open vacancies in number order, nothing twice', async () => {
    const seen: number[] = [];
    let afterNumber = 0;
    for (;;) {
      const page = await f.search.matchingVacancies({ afterNumber, limit: 1 });
      if (page.length === 0) break;
      expect(page).toHaveLength(1);
      seen.push(...page.map((record) => record.number));
      afterNumber = page.at(-1)!.number;
    }
    // The agency's licence is not checked here: the index asks licensing.
    expect(seen).toEqual([open.number, second.number, agencyVacancy.number]);
    const all = await f.search.matchingVacancies({ afterNumber: 0, limit: 5_000 });
    expect(all.map((record) => record.number)).toEqual(seen);
    for (const vacancy of hidden) expect(seen).not.toContain(vacancy.number);
  });

  it('gives each vacancy as the index holds it', async () => {
    const [record] = await f.search.matchingVacanciesOf([open.id]);
    const published = await f.db
      .selectFrom('vacancy')
      .select(['published_at', 'application_deadline'])
      .where('id', '=', open.id)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({
      id: open.id,
      number: open.number,
      employerId: f.employerId,
      agencyId: null,
      originCountry: 'KE',
      destinationCountry: 'AE',
      occupation: { escoId: f.nurse.id, iscoCode: f.nurse.isco_code },
      essentialSkills: skills.filter((s) => s.essential).map((s) => s.id),
      optionalSkills: skills.filter((s) => !s.essential).map((s) => s.id),
      languages: [
        { code: 'en', level: 3 },
        { code: 'fr', level: 5 },
      ],
      minIscedLevel: 6,
      experienceMonths: 24,
      deadline: isoDay(f.now(), 30),
      publishedAt: new Date(published.published_at!).toISOString(),
    });
    const [cook] = await f.search.matchingVacanciesOf([second.id]);
    expect(cook).toMatchObject({
      occupation: { escoId: null, iscoCode: '5120' },
      minIscedLevel: null,
      languages: [],
      essentialSkills: [],
      optionalSkills: [],
      destinationCountry: 'QA',
    });
  });

  it('gives only those still published and open among the ids asked for', async () => {
    const records = await f.search.matchingVacanciesOf([
      second.id,
      ...hidden.map((vacancy) => vacancy.id),
      open.id,
      randomUUID(),
      'not-a-uuid',
      open.id,
    ]);
    expect(records.map((record) => record.id)).toEqual([open.id, second.id]);
    expect(await f.search.matchingVacanciesOf([])).toEqual([]);
  });

  it('gives the search’s own cards in the order asked, only those public now', async () => {
    const cards = await f.search.cards(
      [
        second.number,
        hidden[0]!.number,
        agencyVacancy.number,
        open.number,
        hidden[4]!.number,
        9_999_999,
      ],
      'fr',
    );
    expect(cards.map((card) => card.number)).toEqual([second.number, open.number]);
    expect(cards[1]).toMatchObject({
      id: open.id,
      title: 'Infirmier, service général',
      titleLanguage: 'fr',
      employerName: 'Gulf Care Hospitals',
      agencyName: null,
      destinationCountry: 'AE',
      positionsOpen: 3,
    });
    expect(cards[0]).toMatchObject({ title: 'Cook', titleLanguage: 'en' });
    expect(await f.search.cards([], 'en')).toEqual([]);
  });
});

describe('the events that keep the index in step', () => {
  async function eventsOf(subjectId: string): Promise<PublishedEvent[]> {
    const batch = await Outbox.of(f.db).read(BEGINNING, { limit: 100_000 });
    return [...batch.settled, ...batch.unsettled].filter((e) => e.subjectId === subjectId);
  }

  it('publishes an event for each change of a published vacancy: a position filled, closed', async () => {
    const { jobOrders } = f.web.factories;
    const order = await jobOrders.jobOrder({ input: { positions: 3 } });
    expect((await f.search.matchingVacanciesOf([order.id])).map((r) => r.id)).toEqual([order.id]);
    const parties = await jobOrders.parties();
    const owner = await f.web.factories.people.contextOf(parties.agency.staff);
    await f.web.services.jobOrders.ownerEvent(owner, order.id, 'fill_position');
    expect((await eventsOf(order.id)).map((event) => event.type)).toContain(
      'vacancy.position_filled',
    );
    await f.web.services.jobOrders.ownerEvent(owner, order.id, 'close', 'Enough nurses');
    expect((await eventsOf(order.id)).map((event) => event.type)).toContain('vacancy.closed');
    expect(await f.search.matchingVacanciesOf([order.id])).toEqual([]);
  });
});
