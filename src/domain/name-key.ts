import { distance } from "fastest-levenshtein";

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

/**
 * The name closest to `input` among `candidates`, or undefined when nothing is close enough to be a
 * typo. A whole-word part of a longer name ("Hogeland" for "Het Hogeland") is a strong hint. One rule
 * for the API's "Did you mean" and the importer's suggestions.
 */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
  const key = nameKey(input);
  if (key.length < 2) return undefined;
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const candidate = nameKey(name);
    const contained = key.length >= 4 && (` ${candidate} `.includes(` ${key} `) || candidate.startsWith(key));
    const score = contained ? 1 : distance(key, candidate);
    if (!best || score < best.score) best = { name, score };
  }
  if (!best) return undefined;
  return best.score <= Math.max(2, Math.floor(key.length / 3)) ? best.name : undefined;
}

/**
 * The key lists are sorted on, in Dutch alphabetical order as a reader expects it: case and accents
 * ignored, punctuation dropped ("DUS-I" sorts as "dusi", after "Delfshaven"), words kept apart so that
 * "Den Bosch" precedes "Denekamp". Stored as `sortKey` by every write path, with an index.
 */
export function sortKey(value: string): string {
  return nameKey(value)
    .replace(/[^\p{L}\p{N}\s]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The derived name properties every write stores with a name. */
export function nameKeys(name: string): { nameKey: string; sortKey: string } {
  return { nameKey: nameKey(name), sortKey: sortKey(name) };
}
