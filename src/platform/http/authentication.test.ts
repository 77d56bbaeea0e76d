import { describe, expect, it } from 'vitest';
import { safeNextPath } from './authentication.js';

describe('safeNextPath', () => {
  it.each([
    ['/account', '/account'],
    ['/vacancies?country=PH#top', '/vacancies?country=PH#top'],
    ['/a/../b', '/b'],
  ])('keeps the same-site path %j', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    '//evil.example',
    '//evil.example/account',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/account\n/x',
    '/\tevil',
    'account',
    '',
    '/'.padEnd(2001, 'a'),
    undefined,
    42,
  ])('refuses %j', (value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});
