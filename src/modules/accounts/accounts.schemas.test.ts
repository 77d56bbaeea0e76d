import { describe, expect, it } from 'vitest';
import { twoFactorCodeSchema } from './accounts.schemas.js';

describe('the two-factor code as typed', () => {
  it.each(['123456', '123 456', '123-456', '١٢٣٤٥٦', '۱۲۳ ۴۵۶', '১২৩৪৫৬', '१२३४५६'])(
    'reads %s as 123456',
    (code) => {
      expect(twoFactorCodeSchema.parse({ code }).code).toBe('123456');
    },
  );

  it.each(['12345', '1234567', 'abcdef', '²³⁴⁵⁶⁷'])('refuses %s', (code) => {
    expect(twoFactorCodeSchema.safeParse({ code }).success).toBe(false);
  });
});
