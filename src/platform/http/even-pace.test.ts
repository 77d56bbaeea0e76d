import { describe, expect, it } from 'vitest';
import { EvenPace } from './even-pace.js';

function clocked() {
  let now = 0;
  const waits: number[] = [];
  const pace = new EvenPace({
    keep: 5,
    maxWaitMs: 500,
    now: () => now,
    wait: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  const answer = async (took: number, longest: boolean) => {
    const started = pace.start();
    now += took;
    await pace.settle(started, longest);
    return now - started;
  };
  return { pace, waits, answer };
}

describe('EvenPace', () => {
  it('adds nothing before the longest way has been taken', async () => {
    const { answer, waits } = clocked();
    expect(await answer(10, false)).toBe(10);
    expect(waits).toEqual([]);
  });

  it('makes a short answer last as long as the longest way usually does', async () => {
    const { answer } = clocked();
    for (const took of [40, 50, 45]) await answer(took, true);
    expect(await answer(12, false)).toBe(45);
    expect(await answer(60, false)).toBe(60);
  });

  it('pads the longest way itself up to its median, so that neither way is told by its spread', async () => {
    const { answer } = clocked();
    for (const took of [40, 50, 45]) await answer(took, true);
    expect(await answer(30, true)).toBe(42.5);
  });

  it('follows the machine as it slows down, over the last durations only', async () => {
    const { answer, pace } = clocked();
    for (const took of [10, 10, 10, 10, 10]) await answer(took, true);
    for (const took of [90, 90, 90]) await answer(took, true);
    expect(pace.target()).toBe(90);
    expect(await answer(5, false)).toBe(90);
  });

  it('caps the wait, so that a stalled longest way does not hold every answer', async () => {
    const { answer } = clocked();
    await answer(5_000, true);
    expect(await answer(10, false)).toBe(510);
  });
});
