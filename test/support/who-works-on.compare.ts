import type { WhoWorksOnResult } from "../../src/features/who-works-on/who-works-on.repository";

/** One row of a whoWorksOn answer, as the equivalence tests compare it. */
export interface ComparedRow {
  id: string;
  score: number;
  evidenceCount: number;
  tie: string;
  evidence: string[];
}

type EvidenceOf = WhoWorksOnResult["rows"][number]["evidence"][number];

/** Kind, weight and topic of a piece of evidence. */
export const evidenceBrief = (e: EvidenceOf): string => `${e.kind}:${e.weight}:${String(e.topic.id)}`;

/** Also its place, experience or initiative and role. */
export const evidenceInFull = (e: EvidenceOf): string =>
  `${evidenceBrief(e)}:${String(e.place?.code ?? "")}:${String(e.experience?.id ?? e.initiative?.id ?? "")}:${e.role ?? ""}`;

/** Everything an answer says about its rows, reduced to the organisations `own` keeps, in order. */
export function comparableRows(
  result: WhoWorksOnResult,
  own: (id: string) => boolean,
  evidence: (e: EvidenceOf) => string = evidenceInFull,
): ComparedRow[] {
  return result.rows
    .filter((r) => own(String(r.organisation.id)))
    .map((r) => ({
      id: String(r.organisation.id),
      score: r.score,
      evidenceCount: r.evidenceCount,
      tie: r.tie,
      evidence: r.evidence.map(evidence).sort(),
    }));
}
