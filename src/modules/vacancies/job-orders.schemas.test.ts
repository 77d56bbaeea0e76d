import { describe, expect, it } from 'vitest';
import { parseForm } from '../../platform/http/forms.js';
import { jobOrderSchema, minimumWageSchema, readAmount } from './job-orders.schemas.js';

const t = (key: string) => key;
const NBSP = '\u00A0';
const NARROW_NBSP = '\u202F';

/** A valid job order with the wage amount and the hours given. */
const order = (amount: unknown, hoursPerWeek: unknown = 48) => ({
  destinationCountry: 'AE',
  occupation: '2221',
  language: 'en',
  title: 'Staff nurse',
  description: 'Adult ward, Dubai.',
  positions: 3,
  contractMonths: 24,
  wage: { amount, currency: 'AED', period: 'month' },
  hoursPerWeek,
  applicationDeadline: '2099-01-31',
});

describe('amounts as people type them', () => {
  it.each([
    ['1500', '1500'],
    ['1500.5', '1500.5'],
    ['1500.50', '1500.50'],
    // A comma before one or two final digits is a decimal comma (French, Spanish…).
    ['1500,50', '1500.50'],
    ['1500,5', '1500.5'],
    ['0,75', '0.75'],
    // Before three digits it groups thousands, the English way.
    ['1,500', '1500'],
    ['1,500.50', '1500.50'],
    ['12,345,678.90', '12345678.90'],
    // Spaces group thousands: ordinary, no-break and narrow no-break (what Intl writes in fr).
    ['1 500', '1500'],
    ['1 500,50', '1500.50'],
    [`1${NBSP}500,50`, '1500.50'],
    [`1${NARROW_NBSP}500,50`, '1500.50'],
    ['1 500.50', '1500.50'],
    ['7 500.00', '7500.00'],
    ['  1500,50 ', '1500.50'],
    // In the typist's own digits: Bengali, Devanagari, Urdu with the Arabic decimal separator.
    ['১৫০০', '1500'],
    ['१,५००.५०', '1500.50'],
    ['۱۵۰۰٫۵۰', '1500.50'],
  ])('reads %j as %s', (typed, amount) => {
    expect(readAmount(typed)).toEqual({ ok: true, amount });
  });

  it.each([
    // Several separators that could mean more than one number: refused, not guessed at.
    '1,5,0',
    '1.500,50.2',
    '1.500,50',
    '1,500,50',
    '1,500 000',
    '1.500',
    '1500.505',
    '1500,505',
    '15 00',
    '1 5000',
    '1,,500',
    '1500,',
    ',50',
    '1500..5',
  ])('refuses %j: the separators are ambiguous', (typed) => {
    expect(readAmount(typed)).toEqual({
      ok: false,
      messageKey: 'jobOrders.errors.wageSeparators',
    });
  });

  it.each(['lots', '-5', '0', '0,00', '1e5', '12345678901', '1500 AED', '$1500', ''])(
    'refuses %j: not an amount above 0',
    (typed) => {
      expect(readAmount(typed)).toEqual({ ok: false, messageKey: 'jobOrders.errors.wageFormat' });
    },
  );
});

describe('the wage and the hours in the job-order schema', () => {
  it('takes a decimal comma in the wage and in the hours', () => {
    const result = jobOrderSchema.safeParse(order('1 500,50', '40,5'));
    expect(result.success).toBe(true);
    expect(result.data?.wage.amount).toBe('1500.50');
    expect(result.data?.hoursPerWeek).toBe(40.5);
    expect(jobOrderSchema.safeParse(order('1500,50', '40.5')).data?.wage.amount).toBe('1500.50');
    expect(jobOrderSchema.safeParse(order('1,500', 48)).data?.wage.amount).toBe('1500');
    expect(jobOrderSchema.safeParse(order(1500.5)).data?.wage.amount).toBe('1500.5');
  });

  it('names the wage field with the separators message for an ambiguous amount', () => {
    const result = parseForm(jobOrderSchema, order('1,5,0'), t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'wage.amount', text: 'jobOrders.errors.wageSeparators' },
    ]);
    const blank = parseForm(jobOrderSchema, order(''), t);
    expect(blank.ok ? [] : blank.errors).toEqual([
      { field: 'wage.amount', text: 'jobOrders.errors.enterWage' },
    ]);
  });

  it.each(['40,25', '40,500', '40,5,0', '1e1', '0x30', '85', '0,5'])(
    'refuses %j hours with the hours message',
    (hours) => {
      const result = parseForm(jobOrderSchema, order('1500', hours), t);
      expect(result.ok ? [] : result.errors).toEqual([
        { field: 'hoursPerWeek', text: 'jobOrders.errors.hours' },
      ]);
    },
  );

  it('reads the minimum wage amount the same way', () => {
    const floor = minimumWageSchema.safeParse({
      destinationCountry: 'AE',
      amount: '6 000,00',
      currency: 'AED',
      period: 'month',
    });
    expect(floor.data?.amount).toBe('6000.00');
  });
});
