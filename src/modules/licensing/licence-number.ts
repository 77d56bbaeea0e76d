/**
 * A licence number as the register compares it: the letters and digits only, upper case.
 * Numbers hold A-Z, 0-9 and dashes (KE-RA-2026-0001), but people type them with spaces, other
 * dashes, full-width or Arabic-Indic digits, or none of the separators; all of those give the
 * same key (KERA20260001). Null when nothing of a number is left.
 */
export function licenceNumberKey(typed: string): string | null {
  const key = typed
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return key.length > 0 && key.length <= 40 ? key : null;
}
