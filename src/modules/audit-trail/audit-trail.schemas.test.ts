import { describe, expect, it } from 'vitest';
import { auditFilterSchema } from './audit-trail.schemas.js';

describe('the audit filter', () => {
  it('refuses days the database cannot take, with the date message (year 0000 answered 500)', () => {
    for (const day of ['0000-01-01', '0001-01-01', '9999-12-31']) {
      const result = auditFilterSchema.safeParse({ to: day });
      expect({ day, ok: result.success }).toEqual({ day, ok: false });
      expect(result.error?.issues[0]?.message).toBe('auditTrail.errors.date');
    }
  });

  it('takes an ordinary range', () => {
    expect(auditFilterSchema.safeParse({ from: '2026-01-01', to: '2026-12-31' }).success).toBe(
      true,
    );
  });
});
