import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../../../platform/events/domain-event.js';
import { changesIn } from './search.service.js';

let id = 0;
const event = (type: string, subjectType: string, subjectId: string): PublishedEvent => {
  id += 1;
  return {
    id,
    position: { txid: 1, id },
    type,
    subjectType,
    subjectId,
    payload: {},
    occurredAt: new Date(0),
  };
};

describe('what domain events change for the search index', () => {
  it('re-reads each vacancy named once, and reloads agencies on any licence event', () => {
    expect(
      changesIn([
        event('vacancy.published', 'vacancy', 'v1'),
        event('vacancy.position_filled', 'vacancy', 'v1'),
        event('vacancy.closed', 'vacancy', 'v2'),
        event('employer.vetted', 'employer_vetting', 'e1'),
      ]),
    ).toEqual({ agencies: false, vacancyIds: ['v1', 'v2'], organisationIds: [] });
    expect(changesIn([event('licence.suspended', 'licence', 'l1')])).toEqual({
      agencies: true,
      vacancyIds: [],
      organisationIds: [],
    });
    expect(changesIn([])).toEqual({ agencies: false, vacancyIds: [], organisationIds: [] });
  });

  it('forgets the names of organisations that changed', () => {
    expect(changesIn([event('organisation.updated', 'organisation', 'o1')])).toEqual({
      agencies: false,
      vacancyIds: [],
      organisationIds: ['o1'],
    });
  });
});
