import { closestName, nameKey } from "../domain";

/**
 * Finds records by id or name the way people type them (case and accents ignored), and proposes the
 * closest known name for a near-miss so that a spreadsheet author can fix the cell.
 */
export class NameIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly names: { key: string; display: string }[] = [];

  /** Registers a value under its id/code (exact) and its name (also used for suggestions). */
  add(value: T, name: string, ...ids: string[]): void {
    for (const id of ids) this.exact.set(nameKey(id), value);
    const key = nameKey(name);
    if (!this.exact.has(key)) this.exact.set(key, value);
    this.names.push({ key, display: name });
  }

  get(input: string): T | undefined {
    return this.exact.get(nameKey(input));
  }

  /** The official name closest to `input` (src/domain's rule), or undefined when nothing is close. */
  suggest(input: string): string | undefined {
    return closestName(
      input,
      this.names.map((n) => n.display),
    );
  }
}

/** "unknown topic 'xyz'" plus `; did you mean "x"?` when a near-miss exists (names may hold a quote). */
export function unknownMessage(what: string, input: string, suggestion: string | undefined): string {
  const base = `unknown ${what} '${input}'`;
  return suggestion ? `${base}; did you mean "${suggestion}"?` : base;
}
