import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flatten, Translator } from './translator.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-locales-'));
const write = (language: string, messages: unknown) => {
  fs.mkdirSync(path.join(dir, language), { recursive: true });
  fs.writeFileSync(path.join(dir, language, 'messages.json'), JSON.stringify(messages));
};
write('en', {
  greeting: 'Hello {name}',
  count: '{n, plural, one {# file} other {# files}}',
  onlyEnglish: 'Only',
});
write('fr', {
  greeting: 'Bonjour {name}',
  count: '{n, plural, one {# fichier} other {# fichiers}}',
});
write('es', { greeting: 'Hola {name}', count: '{n, plural, one {# archivo} other {# archivos}}' });
write('ar', {
  greeting: 'مرحبا {name}',
  count:
    '{n, plural, zero {لا ملفات} one {ملف واحد} two {ملفان} few {# ملفات} many {# ملفًا} other {# ملف}}',
});
write('sw', { greeting: 'Habari {name}' });
write('fil', { greeting: 'Kumusta {name}' });
write('ne', {
  greeting: 'नमस्ते {name}',
  positions: '{total} मध्ये {open, plural, one {# पद खुला} other {# पद खुला}}',
  twice: '{n, plural, one {# फाइल} other {# फाइलहरू}} ({n})',
  year: 'साल {year}',
});
write('bn', { greeting: 'নমস্কার {name}' });
write('ur', { greeting: 'السلام علیکم {name}' });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Translator', () => {
  const translator = new Translator(dir);

  it('fills placeholders', () => {
    expect(translator.translate('fr', 'greeting', { name: 'Amina' })).toBe('Bonjour Amina');
  });

  it('uses each language’s plural rules', () => {
    expect(translator.translate('en', 'count', { n: 1 })).toBe('1 file');
    expect(translator.translate('en', 'count', { n: 3 })).toBe('3 files');
    expect(translator.translate('ar', 'count', { n: 2 })).toBe('ملفان');
    expect(translator.translate('ar', 'count', { n: 0 })).toBe('لا ملفات');
  });

  it('isolates text put into a right-to-left sentence, and only there', () => {
    expect(translator.translate('ar', 'greeting', { name: 'Gulf Care (demo)' })).toBe(
      'مرحبا \u2068Gulf Care (demo)\u2069',
    );
    expect(translator.translate('en', 'greeting', { name: 'شركة الخليج' })).toBe(
      'Hello شركة الخليج',
    );
    expect(translator.translate('ur', 'greeting', { name: 'Gulf Care' })).toBe(
      'السلام علیکم \u2068Gulf Care\u2069',
    );
    expect(translator.translate('ne', 'greeting', { name: 'Gulf Care' })).toBe('नमस्ते Gulf Care');
    // Numbers are formatted by the message, in the reader's digits, not isolated as text.
    expect(translator.translate('ar', 'count', { n: 2 })).toBe('ملفان');
  });

  it('writes every number of a message in the reader’s digits, not only the counted ones', () => {
    expect(translator.translate('ne', 'positions', { open: 1, total: 1 })).toBe('१ मध्ये १ पद खुला');
    expect(translator.translate('ne', 'twice', { n: 3 })).toBe('३ फाइलहरू (३)');
    // Plain numbers are not grouped: they may be years or identifiers.
    expect(translator.translate('ne', 'year', { year: 2026 })).toBe('साल २०२६');
    expect(translator.translate('ne', 'year', { year: '2026' })).toBe('साल 2026');
    expect(translator.translate('en', 'count', { n: 1500 })).toBe('1,500 files');
  });

  it('falls back to English for a missing key, and shows an unknown key as is', () => {
    expect(translator.translate('es', 'onlyEnglish')).toBe('Only');
    expect(translator.translate('es', 'no.such.key')).toBe('no.such.key');
  });

  it('flattens nested catalogues into dotted keys', () => {
    expect(flatten({ a: { b: 'x', c: { d: 'y' } } })).toEqual({ 'a.b': 'x', 'a.c.d': 'y' });
  });
});
