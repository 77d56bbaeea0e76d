import { finalStates, type AnyLifecycle, type EventAuthority } from './lifecycle.js';

/**
 * The state diagrams of docs/state-diagrams/, generated from the lifecycles' declarations so that
 * they can never drift from the code: `npm run docs:lifecycles` writes them
 * (scripts/generate-state-diagrams.ts) and a test fails when one is stale.
 */

export interface DiagramSection {
  lifecycle: AnyLifecycle;
  /** The file that declares it, for the reader. */
  source: string;
  /** Markdown before the diagram and after the table. */
  intro?: string;
  notes?: string;
}

export interface DiagramDocument {
  /** Relative to the repository: 'docs/state-diagrams/licence.md'. */
  file: string;
  title: string;
  sections: DiagramSection[];
}

const GENERATED_NOTICE =
  '<!-- Generated from the lifecycle declarations by `npm run docs:lifecycles`. Do not edit. -->';

function authorityText(authority: EventAuthority): string {
  switch (authority.kind) {
    case 'permission':
      return authority.anyOf.map((permission) => `\`${permission}\``).join(' or ');
    case 'system':
      return 'the system';
    case 'policy':
      return authority.who;
  }
}

function label(lifecycle: AnyLifecycle, event: string, branch?: string): string {
  const rule = lifecycle.events[event];
  const notes: string[] = [];
  if (rule?.authority.kind === 'system') notes.push('system');
  if (rule?.reasonRequired) notes.push('reason');
  if (branch) notes.push(branch);
  return notes.length > 0 ? `${event} (${notes.join(', ')})` : event;
}

/** The mermaid state diagram: one arrow per (from, event, to), final states to [*]. */
export function mermaid(lifecycle: AnyLifecycle): string {
  const lines = ['stateDiagram-v2'];
  for (const [event, rule] of Object.entries(lifecycle.events)) {
    for (const from of rule.from) {
      const source = from ?? '[*]';
      const otherwise = rule.branch?.otherwise;
      lines.push(`    ${source} --> ${rule.to}: ${label(lifecycle, event, otherwise)}`);
      if (rule.branch) {
        lines.push(
          `    ${source} --> ${rule.branch.to}: ${label(lifecycle, event, rule.branch.when)}`,
        );
      }
    }
  }
  for (const state of finalStates(lifecycle)) lines.push(`    ${state} --> [*]`);
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The table of events: from, to, who, reason, and the guards and checks where there are any. */
export function eventTable(lifecycle: AnyLifecycle): string {
  const rules = Object.entries(lifecycle.events);
  const withGuards = rules.some(([, rule]) => rule.guards.length > 0);
  const withChecks = rules.some(([, rule]) => (rule.checks ?? []).length > 0);
  const names = (list: readonly string[]) => list.map((name) => `\`${name}\``).join(', ');
  const header = ['event', 'from', 'to', 'who', 'reason'];
  if (withGuards) header.push('guards');
  if (withChecks) header.push('checks on other records');
  const rows = [header, header.map(() => '---')];
  for (const [event, rule] of rules) {
    const row = [
      `\`${event}\``,
      rule.from.map((state) => state ?? '(new)').join(', '),
      rule.branch ? `${rule.to}; ${rule.branch.to} (${rule.branch.when})` : rule.to,
      authorityText(rule.authority),
      rule.reasonRequired ? 'required' : '',
    ];
    if (withGuards) row.push(names(rule.guards));
    if (withChecks) row.push(names(rule.checks ?? []));
    rows.push(row);
  }
  return rows.map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}

function definitions(title: string, entries: [string, string][]): string[] {
  if (entries.length === 0) return [];
  return [
    `${title}:`,
    '',
    ...entries.map(([name, description]) => `- \`${name}\`: ${description}.`),
    '',
  ];
}

function renderSection(section: DiagramSection, level: number): string {
  const { lifecycle } = section;
  const heading = '#'.repeat(level);
  const lines = [
    `${heading} ${lifecycle.title}`,
    '',
    `Declared in \`${section.source}\` and run by \`src/platform/lifecycle\`: the one writer of the state column locks the row, checks, decides, writes the state, a row of the event table, the domain event \`${lifecycle.name}.<past tense>\` and the audit event in one transaction.`,
    '',
  ];
  if (section.intro) lines.push(section.intro.trim(), '');
  lines.push('```mermaid', mermaid(lifecycle), '```', '', eventTable(lifecycle), '');
  lines.push(
    ...definitions(
      'Guards',
      Object.entries(lifecycle.guards).map(([name, guard]) => [name, guard.description]),
    ),
    ...definitions('Checks on other records', Object.entries(lifecycle.checks ?? {})),
  );
  if (section.notes) lines.push(section.notes.trim(), '');
  return lines.join('\n');
}

/** The whole file, before formatting (the generator and the test run Prettier on it). */
export function renderDocument(document: DiagramDocument): string {
  const lines = [`# ${document.title}`, '', GENERATED_NOTICE, ''];
  for (const section of document.sections) lines.push(renderSection(section, 2));
  return `${lines.join('\n').trimEnd()}\n`;
}
