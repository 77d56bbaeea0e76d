import MarkdownIt from 'markdown-it';

/**
 * The one renderer of guide text, for the editor's preview and for readers alike: Markdown with
 * raw HTML off (written HTML shows as text), images off (a guide makes no request to another
 * server), links only to http, https and mailto (anything else stays text), and rel="noopener
 * noreferrer" on links that leave Corridor. markdown-it escapes every text and attribute it
 * writes, so no script, event handler or style attribute can come through.
 */
const ALLOWED_LINK = /^(https?:|mailto:)/i;

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.disable(['image']);
  // markdown-it's own check refuses javascript:, vbscript:, file: and most data: links; ours is
  // narrower still, and sees the link after its normalisation (entities and escapes decoded).
  md.validateLink = (url: string) => ALLOWED_LINK.test(url.trim());

  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.rules.link_open = (tokens, index, options) => {
    const token = tokens[index];
    if (token) {
      token.attrSet('rel', 'noopener noreferrer');
      token.attrSet('class', 'govuk-link');
    }
    return renderToken(tokens, index, options);
  };
  // GOV.UK Frontend's typography, so that a guide reads like the rest of the page.
  const classes: Record<string, string> = {
    heading_open: '',
    paragraph_open: 'govuk-body',
    bullet_list_open: 'govuk-list govuk-list--bullet',
    ordered_list_open: 'govuk-list govuk-list--number',
    table_open: 'govuk-table',
    thead_open: 'govuk-table__head',
    tr_open: 'govuk-table__row',
    th_open: 'govuk-table__header',
    tbody_open: 'govuk-table__body',
    td_open: 'govuk-table__cell',
  };
  const headingClass: Record<string, string> = {
    h1: 'govuk-heading-l',
    h2: 'govuk-heading-m',
    h3: 'govuk-heading-s',
    h4: 'govuk-heading-s',
    h5: 'govuk-heading-s',
    h6: 'govuk-heading-s',
  };
  for (const [rule, className] of Object.entries(classes)) {
    md.renderer.rules[rule] = (tokens, index, options) => {
      const token = tokens[index];
      if (token) {
        const name = rule === 'heading_open' ? (headingClass[token.tag] ?? '') : className;
        if (name) token.attrSet('class', name);
      }
      return renderToken(tokens, index, options);
    };
  }
  return md;
}

const renderer = createRenderer();

/** A guide's Markdown as safe HTML. */
export function renderGuideMarkdown(markdown: string): string {
  return renderer.render(markdown);
}
