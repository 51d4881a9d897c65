import { distance } from "fastest-levenshtein";
import { nameKey } from "../domain/name-key";

/**
 * Finds records by id or name the way people type them (case and accents ignored), and proposes the
 * closest known name for a near-miss so that a spreadsheet author can fix the cell.
 */
export class NameIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly names: { key: string; display: string }[] = [];
  private readonly aliases = new Map<string, string>();

  /** Registers a value under its id/code (exact) and its name (also used for suggestions). */
  add(value: T, name: string, ...ids: string[]): void {
    for (const id of ids) this.exact.set(nameKey(id), value);
    const key = nameKey(name);
    if (!this.exact.has(key)) this.exact.set(key, value);
    this.names.push({ key, display: name });
  }

  /** A common name that is not the official one: never resolved silently, only suggested. */
  alias(alias: string, officialName: string): void {
    this.aliases.set(nameKey(alias), officialName);
  }

  get(input: string): T | undefined {
    return this.exact.get(nameKey(input));
  }

  /** The official name closest to `input`, or undefined when nothing is close enough to be a typo. */
  suggest(input: string): string | undefined {
    const key = nameKey(input);
    const alias = this.aliases.get(key);
    if (alias) return alias;
    if (key.length < 2) return undefined;
    let best: { display: string; score: number } | undefined;
    for (const candidate of this.names) {
      // "Hogeland" for "Het Hogeland": a whole-word part of a longer name is a strong hint.
      const contained =
        key.length >= 4 && (` ${candidate.key} `.includes(` ${key} `) || candidate.key.startsWith(key));
      const score = contained ? 1 : distance(key, candidate.key);
      if (!best || score < best.score) best = { display: candidate.display, score };
    }
    if (!best) return undefined;
    const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 4)));
    return best.score <= allowed ? best.display : undefined;
  }
}

/** "unknown topic 'xyz'" plus `; did you mean "x"?` when a near-miss exists (names may hold a quote). */
export function unknownMessage(what: string, input: string, suggestion: string | undefined): string {
  const base = `unknown ${what} '${input}'`;
  return suggestion ? `${base}; did you mean "${suggestion}"?` : base;
}
