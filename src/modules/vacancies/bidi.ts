/**
 * An organisation's name (written by people, in any script) isolated from the text around it
 * (FSI … PDI), for the pages only: on a right-to-left page "Gulf Care Hospitals L.L.C." keeps
 * its trailing full stop, and inside a translated sentence ("عن طريق {agency}") the name does
 * not reorder its neighbours. Never in JSON: the API gives names as they were written.
 */
export function isolated(name: string): string {
  return `\u2068${name}\u2069`;
}

/** The same, keeping null for "none". */
export function isolatedOrNull(name: string | null): string | null {
  return name === null ? null : isolated(name);
}
