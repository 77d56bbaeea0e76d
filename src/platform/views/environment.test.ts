import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createViewEnvironment } from './environment.js';

// Templates are compiled once in every mode: development used to read and compile every
// template of a page on every request (6 pages/s against 52 in production, issue 11).
describe('view environment', () => {
  let dir: string;
  const write = (name: string, text: string, secondsAgo = 0) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const at = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(file, at, at);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-views-'));
    write('page.njk', '{% extends "base.njk" %}{% block body %}page {{ n }}{% endblock %}', 60);
    write('base.njk', '<main>{% block body %}{% endblock %}</main>', 60);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const watch of [false, true]) {
    it(`reads each template file once (watch ${watch})`, () => {
      const env = createViewEnvironment({ watch, paths: [dir] });
      const reads = vi.spyOn(fs, 'readFileSync');
      for (let n = 0; n < 5; n += 1)
        expect(env.render('page.njk', { n })).toBe(`<main>page ${n}</main>`);
      const read = reads.mock.calls.map(([file]) => path.basename(String(file)));
      expect(read.sort()).toEqual(['base.njk', 'page.njk']);
    });
  }

  it('in development, reads again a template whose file changed, and only then', () => {
    const env = createViewEnvironment({ watch: true, paths: [dir] });
    expect(env.render('page.njk', { n: 1 })).toBe('<main>page 1</main>');
    write('base.njk', '<div>{% block body %}{% endblock %}</div>');
    expect(env.render('page.njk', { n: 2 })).toBe('<div>page 2</div>');
    const reads = vi.spyOn(fs, 'readFileSync');
    expect(env.render('page.njk', { n: 3 })).toBe('<div>page 3</div>');
    expect(reads).not.toHaveBeenCalled();
  });

  it('in production, keeps the compiled template when the file changes', () => {
    const env = createViewEnvironment({ watch: false, paths: [dir] });
    expect(env.render('page.njk', { n: 1 })).toBe('<main>page 1</main>');
    write('base.njk', '<div>{% block body %}{% endblock %}</div>');
    expect(env.render('page.njk', { n: 2 })).toBe('<main>page 2</main>');
  });
});

describe('the trim filter', () => {
  it('gives what the Nunjucks filter gives, safe (unescaped) HTML included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-views-'));
    try {
      const template =
        '[{{ text | trim }}]{% set html %}\n  <b>{{ text }}</b>\n{% endset %}[{{ html | trim }}]' +
        '[{{ html | safe | trim }}][{{ (text | trim) == "<i>" }}]';
      fs.writeFileSync(path.join(dir, 'trim.njk'), template);
      const ours = createViewEnvironment({ watch: false, paths: [dir] });
      const theirs = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), {
        autoescape: true,
      });
      for (const text of [' \n <i> \t', 'plain', '', '\u00a0x\u00a0']) {
        expect(ours.render('trim.njk', { text })).toBe(theirs.render('trim.njk', { text }));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
