/**
 * An Atom 1.0 feed (RFC 4287) of a search's newest vacancies. Pure: the route gives it absolute
 * URLs and text already translated. Every text is escaped, and characters XML forbids (control
 * characters, lone surrogates) are dropped, so no vacancy text can break the document.
 */

export interface FeedEntry {
  url: string;
  title: string;
  titleLanguage: string;
  summary: string;
  published: Date;
}

export interface Feed {
  /** The feed's own URL (also its id). */
  selfUrl: string;
  /** The same search as a page. */
  pageUrl: string;
  title: string;
  language: string;
  author: string;
  entries: FeedEntry[];
  /** When nothing is in the feed. */
  now: Date;
}

const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function atomFeed(feed: Feed): string {
  const updated = feed.entries.reduce(
    (latest, entry) => (entry.published > latest ? entry.published : latest),
    feed.entries.length > 0 ? new Date(0) : feed.now,
  );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <id>${escapeXml(feed.selfUrl)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <title xml:lang="${escapeXml(entry.titleLanguage)}">${escapeXml(entry.title)}</title>`,
      `    <id>${escapeXml(entry.url)}</id>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
      `    <published>${entry.published.toISOString()}</published>`,
      `    <updated>${entry.published.toISOString()}</updated>`,
      `    <summary>${escapeXml(entry.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
