import { closestName, nameKey } from "../../domain";

/** Fewer hits than this and the answer suggests a spelling ("bedoelde u …?"). */
export const FEW_HITS = 3;

/** The words of a text as the vocabulary keeps them: nameKey form, letters and digits only. */
export function words(text: string): string[] {
  return nameKey(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The Lucene query for free text with typos tolerated: each word as typed (the Dutch analyzer stems
 * it), and a word the graph's vocabulary does not know also as a fuzzy term (`~`, up to two edits on
 * the indexed terms) and as the closest known word ("toilleten" → "toiletten"), so that exact matches
 * still rank first. Returns the query and the corrected words.
 */
export function typoTolerantQuery(
  terms: readonly string[],
  vocabulary: ReadonlySet<string>,
  candidates: readonly string[],
): { query: string; corrections: Map<string, string> } {
  const corrections = new Map<string, string>();
  const parts = terms.map((term) => {
    const key = words(term).join("");
    if (key.length < 4 || vocabulary.has(key)) return term;
    const closest = closestName(key, candidates);
    if (closest && closest !== key) corrections.set(term, closest);
    return `(${term} OR ${key}~${closest && closest !== key ? ` OR ${closest}` : ""})`;
  });
  return { query: parts.join(" "), corrections };
}

/** "Bedoelde u …?": the text with its corrected words, or null when nothing was corrected. */
export function didYouMean(
  terms: readonly string[],
  corrections: ReadonlyMap<string, string>,
): string | null {
  if (corrections.size === 0) return null;
  return terms.map((t) => corrections.get(t) ?? t).join(" ");
}
