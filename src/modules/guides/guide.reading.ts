import { diffLines, diffWords, type ChangeObject } from 'diff';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.js';

/**
 * Pure helpers of the reader's and the editor's pages: which language a reader is shown, whether
 * a guide is due for checking, and the diff between two versions.
 */

/**
 * The language a guide is shown in: the one asked for when it exists; else English; else the
 * first of the interface languages, in their order, that it exists in. Null when none.
 */
export function chooseLanguage(available: readonly string[], wanted: string): Language | null {
  const have = new Set(available);
  if (have.has(wanted) && (LANGUAGES as readonly string[]).includes(wanted)) {
    return wanted as Language;
  }
  if (have.has('en')) return 'en';
  return LANGUAGES.find((language) => have.has(language)) ?? null;
}

/** The last day a text verified then counts as current: 'YYYY-MM-DD', `days` after it. */
export function verifiedCutoff(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** Not verified within the period (or never). */
export function isStale(verifiedOn: string | null, today: string, days: number): boolean {
  return verifiedOn === null || verifiedOn < verifiedCutoff(today, days);
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Words the screen reader says before a change, in the reader's language. */
export interface DiffLabels {
  added: string;
  removed: string;
  end: string;
}

function render(changes: ChangeObject<string>[], labels: DiffLabels): string {
  return changes
    .map((change) => {
      const text = escapeHtml(change.value);
      if (change.added)
        return `<ins><span class="govuk-visually-hidden">[${escapeHtml(labels.added)}] </span>${text}<span class="govuk-visually-hidden"> [${escapeHtml(labels.end)}]</span></ins>`;
      if (change.removed)
        return `<del><span class="govuk-visually-hidden">[${escapeHtml(labels.removed)}] </span>${text}<span class="govuk-visually-hidden"> [${escapeHtml(labels.end)}]</span></del>`;
      return text;
    })
    .join('');
}

/** A word diff (short fields) as HTML: <ins> and <del>, each with words for screen readers. */
export function wordDiffHtml(before: string, after: string, labels: DiffLabels): string {
  return render(diffWords(before, after), labels);
}

/** A line diff (the body: up to 50,000 characters, where a word diff could take long). */
export function lineDiffHtml(before: string, after: string, labels: DiffLabels): string {
  return render(diffLines(before, after), labels);
}

/** Whether two texts differ at all (the diff page says "no change" otherwise). */
export function changed(before: string, after: string): boolean {
  return before !== after;
}
