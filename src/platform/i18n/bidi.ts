/**
 * Text written by people or taken from a standard (a name, a licence number, a code) isolated
 * from the text around it (FSI … PDI: it takes its direction from its own first strong letter),
 * for pages only: on a right-to-left page "Gulf Care Hospitals L.L.C." keeps its trailing full
 * stop and "Gulf Care (demo)" its brackets. The translator isolates every text it puts into a
 * right-to-left sentence; this is for text a template shows on its own. Never in JSON: the API
 * gives names as they were written.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

/** The same, keeping null for "none". */
export function isolatedOrNull(name: string | null): string | null {
  return name === null ? null : isolated(name);
}
