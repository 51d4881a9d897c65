import type { Database } from "../db/database";
import { effectiveWeights, MatchMode } from "../features/partners/partners.scoring";
import { suggestPartners } from "../features/partners/partners.service";
import { activeOrganisations, partnerPairs, withHiddenParticipation } from "./matching.repository";

/**
 * Leave-one-out over initiatives: hide one member's participation (inside a transaction that is rolled
 * back), ask suggestions for each fellow member, and see where the hidden member ranks.
 */

export interface InitiativeCase {
  initiative: string;
  members: string[];
  /** A label to break the figures down by (e.g. the style of a planted group). */
  label?: string;
}

export interface Trial {
  initiative: string;
  label: string | undefined;
  hidden: string;
  asker: string;
  mode: MatchMode;
  /** 1-based rank of the hidden member among the first `depth` suggestions, or null. */
  rank: number | null;
}

export interface Metrics {
  trials: number;
  recallAt10: number;
  mrr: number;
}

export interface LeaveOneOutResult {
  trials: Trial[];
  /** Pairs left out because they still share another initiative (never suggested without includeExisting). */
  skippedStillPartners: number;
}

export const DEPTH = 50;

export async function leaveOneOut(
  db: Database,
  database: string | undefined,
  cases: InitiativeCase[],
  options: { maxFellows?: number; progress?: (done: number, total: number) => void } = {},
): Promise<LeaveOneOutResult> {
  const everyone = [...new Set(cases.flatMap((c) => c.members))];
  const active = await activeOrganisations(db, everyone);
  const weights = effectiveWeights(null);
  const trials: Trial[] = [];
  let skippedStillPartners = 0;
  const work = cases.flatMap((c) => {
    const members = c.members.filter((m) => active.has(m));
    return members.length < 2 ? [] : members.map((hidden) => ({ c, hidden, members }));
  });
  let done = 0;
  for (const { c, hidden, members } of work) {
    const hide = { organisation: hidden, initiative: c.initiative };
    await withHiddenParticipation(db, database, hide, async (view) => {
      // Fellows that still meet the hidden member in another initiative stay partners: never suggested.
      const still = await partnerPairs(view, [hidden]);
      const fellows = members.filter((m) => m !== hidden && !still.has(`${hidden}|${m}`));
      skippedStillPartners += members.length - 1 - fellows.length;
      const asked = options.maxFellows ? fellows.slice(0, options.maxFellows) : fellows;
      for (const asker of asked) {
        for (const mode of [MatchMode.SIMILAR, MatchMode.COMPLEMENTARY]) {
          const list = await suggestPartners(view, {
            organisation: asker,
            topic: null,
            place: undefined,
            mode,
            first: DEPTH,
            includeExisting: false,
            weights,
          });
          const index = list.findIndex((s) => s.organisation.key === hidden);
          trials.push({
            initiative: c.initiative,
            label: c.label,
            hidden,
            asker,
            mode,
            rank: index < 0 ? null : index + 1,
          });
        }
      }
    });
    options.progress?.(++done, work.length);
  }
  return { trials, skippedStillPartners };
}

export function metrics(trials: Trial[]): Metrics {
  if (trials.length === 0) return { trials: 0, recallAt10: 0, mrr: 0 };
  const hits = trials.filter((t) => t.rank !== null && t.rank <= 10).length;
  const rr = trials.reduce((s, t) => s + (t.rank === null ? 0 : 1 / t.rank), 0);
  return { trials: trials.length, recallAt10: hits / trials.length, mrr: rr / trials.length };
}

export type Breakdown = { mode: MatchMode; label: string | undefined; metrics: Metrics }[];

/** Metrics per mode (and per label when the cases carry one). */
export function breakdown(trials: Trial[]): Breakdown {
  const labels = [...new Set(trials.map((t) => t.label))];
  const out: Breakdown = [];
  for (const mode of [MatchMode.SIMILAR, MatchMode.COMPLEMENTARY]) {
    const ofMode = trials.filter((t) => t.mode === mode);
    out.push({ mode, label: undefined, metrics: metrics(ofMode) });
    if (labels.length > 1 || labels[0] !== undefined) {
      for (const label of labels) {
        out.push({ mode, label, metrics: metrics(ofMode.filter((t) => t.label === label)) });
      }
    }
  }
  return out;
}
