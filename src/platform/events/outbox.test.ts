import { describe, expect, it } from 'vitest';
import { EventFollower } from './consumers.js';
import { BEGINNING, comparePositions, type PublishedEvent } from './domain-event.js';
import { toBatch, type OutboxBatch } from './outbox.js';

const event = (txid: number, id: number): PublishedEvent => ({
  id,
  position: { txid, id },
  type: 'vacancy.published',
  subjectType: 'vacancy',
  subjectId: `v${id}`,
  payload: {},
  occurredAt: new Date(0),
});

describe('positions', () => {
  it('order by transaction, then by id', () => {
    expect(comparePositions({ txid: 5, id: 9 }, { txid: 6, id: 1 })).toBeLessThan(0);
    expect(comparePositions({ txid: 6, id: 2 }, { txid: 6, id: 1 })).toBeGreaterThan(0);
    expect(comparePositions({ txid: 6, id: 0 }, { txid: 6, id: 0 })).toBe(0);
  });
});

describe('toBatch', () => {
  it('gives events below the horizon as settled and moves the cursor to the horizon', () => {
    const batch = toBatch(BEGINNING, 20, [event(10, 2), event(12, 1), event(20, 3)], 100);
    expect(batch.settled.map((e) => e.id)).toEqual([2, 1]);
    expect(batch.unsettled.map((e) => e.id)).toEqual([3]);
    expect(batch).toMatchObject({ position: { txid: 20, id: 0 }, more: false });
  });

  it('stops at the last settled event of a full batch', () => {
    const batch = toBatch(BEGINNING, 20, [event(10, 2), event(12, 1)], 2);
    expect(batch).toMatchObject({ position: { txid: 12, id: 1 }, more: true });
  });

  it('never moves the cursor back', () => {
    expect(toBatch({ txid: 30, id: 0 }, 25, [], 10).position).toEqual({ txid: 30, id: 0 });
  });
});

describe('EventFollower', () => {
  it('gives an unsettled event once, early, and not again once it is settled', async () => {
    const reads: OutboxBatch[] = [
      {
        settled: [event(10, 1)],
        unsettled: [event(12, 3)],
        position: { txid: 11, id: 0 },
        more: false,
      },
      { settled: [], unsettled: [event(12, 3)], position: { txid: 11, id: 0 }, more: false },
      {
        settled: [event(11, 2)],
        unsettled: [event(12, 3)],
        position: { txid: 12, id: 0 },
        more: false,
      },
      { settled: [event(12, 3)], unsettled: [], position: { txid: 13, id: 0 }, more: true },
      { settled: [event(13, 4)], unsettled: [], position: { txid: 14, id: 0 }, more: false },
    ];
    const seen: number[][] = [];
    const follower = new EventFollower(
      {
        read: async (after) => {
          seen.push([after.txid, after.id]);
          const next = reads.shift();
          if (!next) throw new Error('read once too often');
          return next;
        },
      },
      BEGINNING,
    );
    expect((await follower.next()).map((e) => e.id)).toEqual([1, 3]);
    expect(await follower.next()).toEqual([]);
    expect((await follower.next()).map((e) => e.id)).toEqual([2]);
    // A full batch is followed by another read in the same call.
    expect((await follower.next()).map((e) => e.id)).toEqual([4]);
    expect(follower.position).toEqual({ txid: 14, id: 0 });
    expect(seen).toEqual([
      [0, 0],
      [11, 0],
      [11, 0],
      [12, 0],
      [13, 0],
    ]);
  });
});
