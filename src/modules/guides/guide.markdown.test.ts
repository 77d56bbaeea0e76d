import { describe, expect, it } from 'vitest';
import { renderGuideMarkdown } from './guide.markdown.js';

/** The one sanitiser of guide text (preview and readers alike). */
describe('renderGuideMarkdown', () => {
  const cases: [string, string][] = [
    ['a script element', '<script>alert(1)</script>'],
    ['an event handler', '<img src=x onerror=alert(1)>'],
    ['an event handler in a link', '<a href="https://x.example" onclick="alert(1)">x</a>'],
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['a javascript: link with entities', '[click](JaVaScRiPt&#58;alert(1))'],
    ['a javascript: link with a space', '[click]( javascript:alert(1))'],
    ['a javascript: autolink', '<javascript:alert(1)>'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a vbscript: link', '[click](vbscript:msgbox(1))'],
    ['raw HTML', '<iframe src="https://evil.example"></iframe><style>body{}</style>'],
  ];

  it.each(cases)('neutralises %s', (_name, markdown) => {
    const html = renderGuideMarkdown(markdown);
    expect(html).not.toMatch(/<(script|iframe|style|img)\b/i);
    // Escaped text may still read "onerror=": no tag carries one.
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
  });

  it('shows raw HTML as text', () => {
    expect(renderGuideMarkdown('<b>bold</b>')).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('makes no request to another server: images are not rendered', () => {
    expect(renderGuideMarkdown('![map](https://tiles.example/1.png)')).not.toContain('<img');
  });

  it('keeps http, https and mailto links, with rel="noopener noreferrer"', () => {
    const html = renderGuideMarkdown(
      '[a](https://example.org) [b](http://example.org) [c](mailto:help@example.org)',
    );
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer"');
    expect(html).toContain('<a href="http://example.org" rel="noopener noreferrer"');
    expect(html).toContain('<a href="mailto:help@example.org" rel="noopener noreferrer"');
  });

  it('renders headings, lists and tables with GOV.UK classes', () => {
    const html = renderGuideMarkdown('## Rights\n\n- one\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<h2 class="govuk-heading-m">Rights</h2>');
    expect(html).toContain('<ul class="govuk-list govuk-list--bullet">');
    expect(html).toContain('<table class="govuk-table">');
  });
});
