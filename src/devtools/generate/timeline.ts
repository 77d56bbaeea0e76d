import {
  isoDate,
  type VacancyEvent,
  type VacancyState,
} from '../../modules/vacancies/vacancy.states.js';
import type { Random } from './prng.js';

/**
 * A job order's history, consistent with the state machine (vacancy.states.ts): created ≤
 * submitted ≤ approved ≤ published ≤ each position filled ≤ ended, all within the last 120
 * days and never after `now`; approval publishes at once, as the service does; a published
 * vacancy's deadline is 0–90 days after publication and, while it is published, not past.
 */

const DAY = 86_400_000;

export const GENERATED_STATES = [
  ['published', 76],
  ['filled', 5],
  ['closed', 4],
  ['expired', 6],
  ['draft', 4],
  ['submitted', 4],
  ['rejected', 1],
] as const satisfies readonly (readonly [VacancyState, number])[];

export interface Actors {
  /** The organisation that writes the job order: the agency when there is one. */
  ownerOrganisationId: string;
  ownerUserId: string | null;
  /** The origin authority that approves or rejects it. */
  authorityOrganisationId: string | null;
  authorityUserId: string | null;
}

export interface TimelineEvent {
  event: VacancyEvent;
  from: VacancyState | null;
  to: VacancyState;
  at: Date;
  reason: string | null;
  userId: string | null;
  organisationId: string | null;
}

export interface Timeline {
  state: VacancyState;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  approvedAt: Date | null;
  rejectedAt: Date | null;
  publishedAt: Date | null;
  endedAt: Date | null;
  applicationDeadline: string;
  positionsFilled: number;
  fills: Date[];
  events: TimelineEvent[];
}

const REJECTION_REASONS = [
  'The contract does not state the weekly rest day. Add it and submit again.',
  'The job description does not match the occupation chosen. Check the occupation code.',
  'The employer’s trade licence on file has expired. Upload the renewed licence.',
  'Accommodation is mentioned but its standard is not described. Describe it and submit again.',
];

const between = (random: Random, from: number, to: number) => from + random.next() * (to - from);

function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59.000Z`);
}

/** `count` sorted moments in [from, to]. */
function moments(random: Random, count: number, from: number, to: number): Date[] {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) times.push(between(random, from, to));
  return times.sort((a, b) => a - b).map((time) => new Date(Math.round(time)));
}

export function drawTimeline(
  random: Random,
  input: { state: VacancyState; now: Date; positions: number; actors: Actors },
): Timeline {
  const { state, positions, actors } = input;
  const now = input.now.getTime() - 60_000;
  const today = isoDate(input.now);
  const todayStart = Date.parse(`${today}T00:00:00.000Z`);

  const live = ['draft', 'submitted', 'rejected'].includes(state);
  let published: number | null = null;
  let submitted: number | null;
  let deadline: string;
  if (live) {
    submitted = state === 'draft' ? null : now - between(random, 0, 20) * DAY;
    deadline = isoDate(new Date(todayStart + random.int(10, 90) * DAY));
  } else {
    // How long ago it was published, within what each final state allows.
    const [minAgo, maxAgo] =
      state === 'published' ? [0, 85] : state === 'expired' ? [15, 100] : [5, 100];
    published = now - between(random, minAgo, maxAgo) * DAY;
    const publishedDay = Date.parse(`${isoDate(new Date(published))}T00:00:00.000Z`);
    const daysToToday = Math.round((todayStart - publishedDay) / DAY);
    const days =
      state === 'published'
        ? random.int(Math.max(0, daysToToday), 90)
        : state === 'expired'
          ? random.int(0, Math.min(90, daysToToday - 1))
          : random.int(7, 90);
    deadline = isoDate(new Date(publishedDay + days * DAY));
    submitted = published - between(random, 0.2, 6) * DAY;
  }
  const approved = published === null ? null : published - between(random, 50, 2000);
  const firstMove = submitted ?? now - between(random, 0, 30) * DAY;
  const created = random.chance(0.2)
    ? firstMove - between(random, 5, 500)
    : firstMove - between(random, 0, 5) * DAY;

  const events: TimelineEvent[] = [];
  const owner = { userId: actors.ownerUserId, organisationId: actors.ownerOrganisationId };
  const authority = {
    userId: actors.authorityUserId,
    organisationId: actors.authorityOrganisationId,
  };
  const push = (
    event: VacancyEvent,
    from: VacancyState | null,
    to: VacancyState,
    at: number,
    who: { userId: string | null; organisationId: string | null },
    reason: string | null = null,
  ) => events.push({ event, from, to, at: new Date(Math.round(at)), reason, ...who });

  push('create', null, 'draft', created, owner);
  if (random.chance(0.3)) {
    push('update', 'draft', 'draft', between(random, created, submitted ?? now), owner);
  }
  if (submitted !== null) push('submit', 'draft', 'submitted', submitted, owner);

  let rejected: number | null = null;
  if (state === 'rejected' && submitted !== null) {
    rejected = Math.min(now, submitted + between(random, 0.1, 5) * DAY);
    push('reject', 'submitted', 'rejected', rejected, authority, random.pick(REJECTION_REASONS));
  }
  if (approved !== null && published !== null) {
    push('approve', 'submitted', 'approved', approved, authority);
    push('publish', 'approved', 'published', published, authority);
  }

  // Until when the vacancy stayed open, and how many positions were filled meanwhile.
  let ended: number | null = null;
  let filledCount = 0;
  let fills: Date[] = [];
  if (published !== null) {
    const openUntil = Math.min(now, endOfDay(deadline));
    if (state === 'filled') {
      fills = moments(random, positions, published, Math.min(openUntil, published + 60 * DAY));
      filledCount = positions;
      ended = fills.at(-1)?.getTime() ?? published;
    } else {
      if (state === 'closed') ended = between(random, published, openUntil);
      if (state === 'expired')
        ended = Math.min(now, endOfDay(deadline) + between(random, 1, 3) * 3_600_000);
      if (positions > 1 && random.chance(state === 'published' ? 0.25 : 0.4)) {
        filledCount = random.int(1, positions - 1);
        fills = moments(random, filledCount, published, Math.min(openUntil, ended ?? now));
      }
    }
    fills.forEach((at, i) => {
      const last = state === 'filled' && i === fills.length - 1;
      push('fill_position', 'published', last ? 'filled' : 'published', at.getTime(), owner);
    });
    if (state === 'closed' && ended !== null) push('close', 'published', 'closed', ended, owner);
    if (state === 'expired' && ended !== null) {
      push('expire', 'published', 'expired', ended, { userId: null, organisationId: null });
    }
  }

  return {
    state,
    createdAt: new Date(Math.round(created)),
    updatedAt: events.at(-1)?.at ?? new Date(Math.round(created)),
    submittedAt: submitted === null ? null : new Date(Math.round(submitted)),
    approvedAt: approved === null ? null : new Date(Math.round(approved)),
    rejectedAt: rejected === null ? null : new Date(Math.round(rejected)),
    publishedAt: published === null ? null : new Date(Math.round(published)),
    endedAt: ended === null ? null : new Date(Math.round(ended)),
    applicationDeadline: deadline,
    positionsFilled: filledCount,
    fills,
    events,
  };
}
