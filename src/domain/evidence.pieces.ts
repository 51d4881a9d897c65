import { EVIDENCE_KINDS } from "./evidence";
import { EVIDENCE_RULES, evidenceCandidate } from "./evidence.rows";
import { SUBTOPIC_STEP } from "./topic.closure";
import { type PlaceKind, type PlaceRefs, placeWeight } from "./works-in";

/**
 * whoWorksOn's evidence of ONE organisation `o`, read once as a list of pieces, one per row that
 * evidenceRows would give for it: {kind, t, role, roots (t and its ancestors: the topics it counts
 * for), places (nodes), pw (what a match in the asked municipality's province weighs)}. The maintained
 * aggregates derive the score of every (topic, asked place) from it with list expressions
 * (pieceWeights), applying the same rules (EVIDENCE_RULES, placeWeight), instead of planning the
 * evidence subqueries once per kind of asked place: a statement that plans in a fraction of the time
 * (issue 11, crash recovery). An organisation whose evidence does not count has no pieces.
 */
export function evidencePieces(): string {
  const branches = EVIDENCE_KINDS.map((kind) => {
    const r = EVIDENCE_RULES[kind];
    return `MATCH ${r.fromOrganisation}
      RETURN {kind: '${kind}', t: t, role: ${r.role}, pw: ${r.provinceWeight},
              roots: COLLECT { MATCH (t)-${SUBTOPIC_STEP}->(root:Topic) RETURN DISTINCT root },
              places: COLLECT { MATCH (${r.owner})-[:${r.placeRelationship}]->(x) RETURN x }} AS piece`;
  });
  return `CASE WHEN ${evidenceCandidate("o")} THEN COLLECT {
      ${branches.join("\n      UNION ALL\n      ")}
    } ELSE [] END`;
}

/** The best place match of piece `p` for an asked place of `kind` (max of placeWeight; null: none). */
function bestMatch(kind: PlaceKind, refs: PlaceRefs): string {
  return `reduce(b = null, w IN [x IN p.places | ${placeWeight(kind, "x", "p.pw", refs)}] |
      CASE WHEN w IS NULL OR w <= b THEN b ELSE w END)`;
}

/**
 * The weights of the pieces (list `pieces`) that count for topic `root` and the asked place: `kind` is
 * an expression giving null (no place), 'municipality' or 'province', `refs` its codes. Pieces without
 * a place match are left out, as evidenceRows leaves out their rows.
 */
export function pieceWeights(pieces: string, root: string, kind: string, refs: PlaceRefs): string {
  const weigh = EVIDENCE_KINDS.map(
    (k) => `WHEN '${k}' THEN ${EVIDENCE_RULES[k].weigh("q.w", "q.p.t", root, "q.p.role")}`,
  ).join(" ");
  return `[q IN [p IN ${pieces} WHERE ${root} IN p.roots | {p: p, w: CASE ${kind}
        WHEN 'municipality' THEN ${bestMatch("municipality", refs)}
        WHEN 'province' THEN ${bestMatch("province", refs)}
        ELSE ${placeWeight(undefined, "x", "null")} END}]
      WHERE q.w IS NOT NULL | CASE q.p.kind ${weigh} END]`;
}
