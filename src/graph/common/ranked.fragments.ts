/**
 * Cypher fragments for a page of ranked hits: maps `{score, t, …}` ordered by score descending, then by the
 * tie-breaker `t` (see tieBreaker). The cursor holds `{value: score, key: t}`; the parameters are those of
 * windowParams plus `$backward`. Search and whoWorksOn rank this way.
 */

/** The hit `h` lies after `$after` and before `$before` (either may be null). */
export function rankedKeyset(h = "h"): string {
  return `($after IS NULL OR ${h}.score < $after.value OR (${h}.score = $after.value AND ${h}.t > $after.key))
     AND ($before IS NULL OR ${h}.score > $before.value OR (${h}.score = $before.value AND ${h}.t < $before.key))`;
}

/**
 * The window of the hit list `hits` as `page`: sorted, cut to `$limit` rows; a backward read takes the rows
 * nearest to `$before` first (pageOf turns them back).
 */
export function rankedWindow(hits: string, page: string): string {
  return `CALL (${hits}) {
       UNWIND ${hits} AS hit
       WITH hit ORDER BY hit.score DESC, hit.t
       WITH collect(hit) AS sorted
       RETURN CASE WHEN $backward THEN reverse(sorted[-toInteger($limit)..]) ELSE sorted[..toInteger($limit)] END AS ${page}
     }`;
}
