import type { Queryable } from "../../db/database";
import type { Position } from "../../graph/common/cursor";
import type { Props } from "../../graph/common/node.repository";

export interface SearchHitRow {
  key: string;
  node: Props;
  labels: string[];
  score: number;
}

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/** Turns free text into a Lucene query of plain terms: no syntax from users, so no parse errors. */
export function toLuceneQuery(text: string): string {
  return text
    .replace(LUCENE_SPECIAL, " ")
    .split(/\s+/)
    .filter((t) => t.length > 0 && !/^(AND|OR|NOT|TO)$/.test(t))
    .join(" ");
}

export class SearchRepository {
  constructor(private readonly db: Queryable) {}

  async search(
    query: string,
    labels: string[],
    first: number,
    after: Position | undefined,
  ): Promise<{ hits: SearchHitRow[]; hasNextPage: boolean; total: number }> {
    const rows = await this.db.read(
      `CALL db.index.fulltext.queryNodes('search_text', $query, {limit: 5000}) YIELD node, score
       WHERE any(l IN labels(node) WHERE l IN $labels)
       WITH collect({node: node, score: score, key: labels(node)[0] + ':' + coalesce(node.id, node.code)}) AS candidates
       WITH size(candidates) AS total,
            [h IN candidates WHERE $after IS NULL OR h.score < $after.value OR (h.score = $after.value AND h.key > $after.key)] AS rest
       CALL (rest) {
         UNWIND rest AS h
         WITH h ORDER BY h.score DESC, h.key
         LIMIT toInteger($limit)
         RETURN collect({node: properties(h.node), labels: labels(h.node), score: h.score, key: h.key}) AS page
       }
       RETURN total, page`,
      { query, labels, limit: first + 1, after: after ? { value: after.value, key: after.key } : null },
    );
    const row = rows[0];
    const page = (row?.page ?? []) as SearchHitRow[];
    return { hits: page.slice(0, first), hasNextPage: page.length > first, total: Number(row?.total ?? 0) };
  }
}
