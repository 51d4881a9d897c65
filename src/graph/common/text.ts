/**
 * The key names are matched on: lower case, accents removed, whitespace collapsed, so that
 * "clientenbelang" finds "Cliëntenbelang" and "Fryslan" finds "Fryslân".
 */
export function nameKey(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
