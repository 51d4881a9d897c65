import type { Queryable } from "../../db/database";
import { type Page, type PageWindow, pageOf } from "../../graph/common/connection.type";
import { type Props, windowParams } from "../../graph/common/node.repository";
import { rankedKeyset, rankedWindow } from "../../graph/common/ranked.fragments";

export interface SearchHitRow {
  key: string;
  node: Props;
  labels: string[];
  score: number;
  /** Name (Dutch sort key), then type and key: ties in score read alphabetically. */
  tie: string;
}

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/** Turns free text into Lucene's plain terms: no syntax from users, so no parse errors. */
export function toLuceneTerms(text: string): string[] {
  return text
    .replace(LUCENE_SPECIAL, " ")
    .split(/\s+/)
    .filter((t) => t.length > 0 && !/^(AND|OR|NOT|TO)$/.test(t));
}

export function toLuceneQuery(text: string): string {
  return toLuceneTerms(text).join(" ");
}

/** The words of the searchable names and titles, read at most every ten minutes. */
let vocabulary: { at: number; words: Set<string>; list: string[] } | undefined;
const VOCABULARY_TTL_MS = 10 * 60_000;

export class SearchRepository {
  constructor(private readonly db: Queryable) {}

  /** Known words (nameKey form) of names and titles, for "bedoelde u" and typo tolerance. */
  async vocabulary(split: (text: string) => string[]): Promise<{ words: Set<string>; list: string[] }> {
    if (vocabulary && Date.now() - vocabulary.at < VOCABULARY_TTL_MS) return vocabulary;
    const rows = await this.db.read(
      `MATCH (n) WHERE n:Organisation OR n:Topic OR n:Initiative OR n:Experience OR n:Event OR n:Condition
       RETURN collect(DISTINCT coalesce(n.name, n.title)) AS texts`,
    );
    const words = new Set<string>();
    for (const text of (rows[0]?.texts ?? []) as string[])
      for (const w of split(text)) if (w.length >= 4) words.add(w);
    vocabulary = { at: Date.now(), words, list: [...words] };
    return vocabulary;
  }

  async search(
    query: string,
    labels: string[],
    window: PageWindow,
  ): Promise<Page<SearchHitRow> & { total: number }> {
    const rows = await this.db.read(
      `CALL db.index.fulltext.queryNodes('search_text', $query, {limit: 5000}) YIELD node, score
       WHERE any(l IN labels(node) WHERE l IN $labels)
       WITH node, score, labels(node)[0] + ':' + coalesce(node.id, node.code) AS key
       WITH collect({node: node, score: score, key: key, t: coalesce(node.sortKey, '') + '\\u0001' + key}) AS candidates
       WITH size(candidates) AS total, [h IN candidates WHERE ${rankedKeyset("h")}] AS rest
       ${rankedWindow("rest", "hits")}
       RETURN total, [h IN hits | {node: properties(h.node), labels: labels(h.node), score: h.score, key: h.key, tie: h.t}] AS page`,
      { query, labels, ...windowParams(window), backward: window.backward },
    );
    const row = rows[0];
    return { ...pageOf((row?.page ?? []) as SearchHitRow[], window), total: Number(row?.total ?? 0) };
  }
}
