import type { Database, Queryable } from "../db/database";
import { FIRST_MAX, type MatchWeights, MatchMode } from "../features/partners/partners.scoring";
import { suggestPartners } from "../features/partners/partners.service";
import { type Baseline, baselineRankers, BASELINES } from "./matching.baselines";
import {
  type HeldOut,
  organisationFacts,
  type OrganisationFacts,
  walkEdges,
  withHeldOut,
} from "./matching.repository";
import type { Scored } from "./matching.stats";

/**
 * The honest protocol: hold out one initiative's whole footprint (matching.repository withHeldOut), then
 * let every member that is still active ask for partners and see where its fellow members land. What
 * comes back is raw: the model's component values per candidate (so other weights can be scored offline
 * without asking again) and every baseline's scores.
 */

export interface Case extends HeldOut {
  members: string[];
}

export type ComponentValues = Record<keyof MatchWeights, number>;

export interface ModelRow {
  id: string;
  score: number;
  values: ComponentValues;
}

/** One asker in one mode, with the fellow members it should find. */
export interface Ask {
  group: string;
  asker: string;
  mode: MatchMode;
  targets: string[];
  /**
   * Fellow members that are not scored as targets in this ask (docs/decisions/0058: a COMPLEMENTARY target
   * must be from another world) but are still taken out of the list, like the other targets.
   */
  fellows?: string[];
  model: ModelRow[];
  baselines: Record<Baseline, Scored[]>;
}

export interface HoldoutResult {
  asks: Ask[];
  /** Fellow members left out because the two still share another initiative. */
  stillPartners: number;
  /** Members left out because they are inactive. */
  inactive: number;
  /** The graph each group was asked in (organisation facts and walk edges): for offline analysis (--dump). */
  views: Record<string, GraphView>;
}

export interface GraphView {
  facts: OrganisationFacts[];
  edges: [string, string][];
}

export const MODES = [MatchMode.SIMILAR, MatchMode.COMPLEMENTARY] as const;

/** What the filtered rank of `target` takes out of the list: every other target and fellow member. */
export function othersOf(ask: Pick<Ask, "targets" | "fellows">, target: string): string[] {
  return [...ask.targets, ...(ask.fellows ?? [])].filter((o) => o !== target);
}

/** The model's answer for one asker, all components kept. */
export async function askModel(
  view: Queryable,
  asker: string,
  mode: MatchMode,
  weights: MatchWeights,
): Promise<ModelRow[]> {
  const list = await suggestPartners(view, {
    organisation: asker,
    topic: null,
    place: undefined,
    mode,
    first: FIRST_MAX,
    includeExisting: false,
    weights,
  });
  return list.map((s) => {
    const value = (name: string): number => s.components.find((c) => c.name === name)?.value ?? 0;
    return {
      id: s.organisation.key,
      score: s.score,
      values: {
        topics: value("TOPICS"),
        geography: value("GEOGRAPHY"),
        conditions: value("CONDITIONS"),
        network: value("NETWORK"),
        proximity: value("PROXIMITY"),
      },
    };
  });
}

export function baselineScores(
  facts: OrganisationFacts[],
  edges: [string, string][],
  asker: OrganisationFacts,
  restart: number,
): Record<Baseline, Scored[]> {
  const rankers = baselineRankers(facts, edges, restart);
  return Object.fromEntries(BASELINES.map((b) => [b, rankers[b](asker)])) as Record<Baseline, Scored[]>;
}

export async function holdout(
  db: Database,
  database: string | undefined,
  cases: Case[],
  options: { weights: (mode: MatchMode) => MatchWeights; restart: number; log?: (line: string) => void },
): Promise<HoldoutResult> {
  const asks: Ask[] = [];
  const views: Record<string, GraphView> = {};
  let stillPartners = 0;
  let inactive = 0;
  for (const c of cases) {
    await withHeldOut(db, database, c, async (view) => {
      const facts = await organisationFacts(view);
      const byId = new Map(facts.map((f) => [f.id, f]));
      const edges = await walkEdges(view);
      views[c.initiative] = { facts, edges };
      const members = c.members.filter((m) => byId.get(m)?.active === true);
      inactive += c.members.length - members.length;
      for (const asker of members) {
        const own = byId.get(asker) as OrganisationFacts;
        const partners = new Set(own.partners);
        const targets = members.filter((m) => m !== asker && !partners.has(m));
        stillPartners += members.length - 1 - targets.length;
        if (targets.length === 0) continue;
        const baselines = baselineScores(facts, edges, own, options.restart);
        for (const mode of MODES) {
          const model = await askModel(view, asker, mode, options.weights(mode));
          asks.push({ group: c.initiative, asker, mode, targets, model, baselines });
        }
      }
    });
    options.log?.(`  held out ${c.initiative} (${c.members.length} members)`);
  }
  return { asks, stillPartners, inactive, views };
}

export interface ValidationResult {
  asks: Ask[];
  /** Pairs left out: missing or inactive in the graph, or already linked by a shared initiative. */
  unusable: { pair: string; why: string }[];
  view: GraphView;
}

/**
 * The independent set: real collaborations from public sources that the graph does not encode. Nothing
 * is held out (there is nothing to hide); each side asks for the other.
 */
export async function validation(
  db: Database,
  database: string | undefined,
  pairs: { a: string; b: string }[],
  options: { weights: (mode: MatchMode) => MatchWeights; restart: number },
): Promise<ValidationResult> {
  // One long read transaction (nothing held out): the service's per-query timeout is for requests.
  return withHeldOut(db, database, null, (view) => validationIn(view, pairs, options));
}

async function validationIn(
  db: Queryable,
  pairs: { a: string; b: string }[],
  options: { weights: (mode: MatchMode) => MatchWeights; restart: number },
): Promise<ValidationResult> {
  const facts = await organisationFacts(db);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const edges = await walkEdges(db);
  const asks: Ask[] = [];
  const unusable: ValidationResult["unusable"] = [];
  for (const { a, b } of pairs) {
    const pair = `${a} – ${b}`;
    const fa = byId.get(a);
    const fb = byId.get(b);
    if (!fa?.active || !fb?.active) {
      unusable.push({ pair, why: "not an active organisation in the graph" });
      continue;
    }
    if (fa.partners.includes(b)) {
      unusable.push({ pair, why: "the graph already links them through an initiative" });
      continue;
    }
    for (const [asker, target] of [
      [fa, b],
      [fb, a],
    ] as const) {
      const baselines = baselineScores(facts, edges, asker, options.restart);
      for (const mode of MODES) {
        const model = await askModel(db, asker.id, mode, options.weights(mode));
        asks.push({ group: pair, asker: asker.id, mode, targets: [target], model, baselines });
      }
    }
  }
  return { asks, unusable, view: { facts, edges } };
}
