import { describe, expect, it } from 'vitest';
import { walk } from '../../platform/lifecycle/lifecycle.js';
import { GUIDE_LIFECYCLE } from './guide.lifecycle.js';

describe('the guide lifecycle', () => {
  it('every state × every event', () => {
    const grid = walk(GUIDE_LIFECYCLE, {
      snapshot: (state) => ({ state, submittedByUserId: 'author' }),
      command: (event) => ({ event, reason: 'checked', actorUserId: 'reviewer' }),
      today: '2026-12-04',
    });
    expect(grid).toEqual({
      '(new)': {
        create: 'draft',
        revise: '-',
        submit: '-',
        send_back: '-',
        publish: '-',
        withdraw: '-',
        verify: '-',
      },
      draft: {
        create: '-',
        revise: 'draft',
        submit: 'in_review',
        send_back: '-',
        publish: '-',
        withdraw: '-',
        verify: '-',
      },
      in_review: {
        create: '-',
        revise: 'draft',
        submit: '-',
        send_back: 'draft',
        publish: 'published',
        withdraw: '-',
        verify: '-',
      },
      published: {
        create: '-',
        revise: 'draft',
        submit: '-',
        send_back: '-',
        publish: '-',
        withdraw: 'withdrawn',
        verify: 'published',
      },
      withdrawn: {
        create: '-',
        revise: 'draft',
        submit: '-',
        send_back: '-',
        publish: '-',
        withdraw: '-',
        verify: '-',
      },
    });
  });

  it('four eyes: the submitter cannot publish', () => {
    const grid = walk(GUIDE_LIFECYCLE, {
      snapshot: (state) => ({ state, submittedByUserId: 'author' }),
      command: (event) => ({ event, reason: 'x', actorUserId: 'author' }),
      today: '2026-12-04',
    });
    expect(grid.in_review?.publish).toBe('refused: guides.errors.ownSubmission');
  });

  it('a reason to send back and to withdraw', () => {
    const grid = walk(GUIDE_LIFECYCLE, {
      snapshot: (state) => ({ state, submittedByUserId: null }),
      command: (event) => ({ event, reason: null, actorUserId: 'x' }),
      today: '2026-12-04',
    });
    expect(grid.in_review?.send_back).toBe('refused: guides.errors.enterReason');
    expect(grid.published?.withdraw).toBe('refused: guides.errors.enterReason');
  });
});
