import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli.js';
import { parseCount, parseSeed } from './run.js';

describe('corridor generate vacancies: arguments', () => {
  it('reads counts with or without thousands separators', () => {
    expect(parseCount('2000')).toBe(2000);
    expect(parseCount('1_000_000')).toBe(1_000_000);
    expect(parseCount('1,000,000')).toBe(1_000_000);
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('4294967295')).toBe(4294967295);
  });

  it.each(['0', '-5', '1.5', 'abc', '', '10000001', '1e6'])('refuses the count "%s"', (text) => {
    expect(() => parseCount(text)).toThrow(/--count must be a whole number from 1 to 10,000,000/);
  });

  it.each(['-1', 'x', '4294967296', '1.2'])('refuses the seed "%s"', (text) => {
    expect(() => parseSeed(text)).toThrow(/--seed must be a whole number/);
  });

  describe('on the command line', () => {
    afterEach(() => vi.restoreAllMocks());
    const capture = () => {
      const output: string[] = [];
      const write = (chunk: unknown) => (output.push(String(chunk)), true);
      vi.spyOn(console, 'log').mockImplementation((...args) => void output.push(args.join(' ')));
      vi.spyOn(console, 'error').mockImplementation((...args) => void output.push(args.join(' ')));
      vi.spyOn(process.stdout, 'write').mockImplementation(write);
      vi.spyOn(process.stderr, 'write').mockImplementation(write);
      return output;
    };

    it('explains a bad count before touching the database, and exits 1', async () => {
      const output = capture();
      expect(await run(['generate', 'vacancies', '--count', 'lots'], {})).toBe(1);
      expect(output.join('\n')).toContain(
        '--count must be a whole number from 1 to 10,000,000 (got "lots")',
      );
    });

    it('asks for the count', async () => {
      const output = capture();
      expect(await run(['generate', 'vacancies'], {})).not.toBe(0);
      expect(output.join('')).toMatch(/required option '--count <n>'/);
    });

    it('refuses in production', async () => {
      const output = capture();
      const production = {
        NODE_ENV: 'production',
        SESSION_SECRET: 'x'.repeat(40),
        ENCRYPTION_KEYS: 'k1:' + Buffer.alloc(32, 3).toString('base64'),
        LOOKUP_HASH_KEY: Buffer.alloc(32, 4).toString('base64'),
        STATISTICS_CELL_KEY_SECRET: Buffer.alloc(32, 6).toString('base64'),
        PUBLIC_URL: 'https://corridor.example.org',
      };
      expect(await run(['generate', 'vacancies', '--count', '10'], production)).toBe(1);
      expect(output.join('\n')).toContain('never generated in production');
    });
  });
});
