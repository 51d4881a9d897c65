import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { loadConfig as loadServiceConfig } from "../config";
import { effectiveWeights, MatchMode } from "../features/partners/partners.scoring";
import { projectPath } from "../paths";
import { connect, parseArgs, runCli, UsageError } from "../seed/cli.runtime";
import { loadSeed } from "../seed/seed.loader";
import { validateSeedDir } from "../seed/seed.validate";
import {
  crossFit,
  describeWeights,
  productScorer,
  rows,
  type Settings,
  table,
  trials,
} from "./matching.analysis";
import { pairedDifference, runCandidates } from "./matching.candidates";
import { foldOf, loadConfig, loadValidationPairs } from "./matching.config";
import { type Ask, type Case, holdout, MODES, validation } from "./matching.holdout";
import { KIND_FAMILIES, perModeTargets, type WorldRule } from "./matching.targets";
import { leaveOneGroupOut, productGrid } from "./matching.nested";
import { perGroup, type Estimate } from "./matching.stats";
import { machineLine, speedBody, timestamp, writeSubsection } from "./matching.report";
import {
  initiativesPresent,
  neo4jVersion,
  organisationCounts,
  sampleOrganisations,
} from "./matching.repository";
import { measureSpeed } from "./matching.speed";

/**
 * `npm run eval:matching [-- --no-write]`: the honest evaluation of partnerSuggestions (issue 15).
 * Hold out each seed initiative's whole footprint, ask every member for partners, find its fellow
 * members; then the independent set of real collaborations the graph does not encode. Constants come
 * from src/eval/matching.config.json, fixed before the run. Figures go to bench/RESULTS.md.
 * `npm run eval:matching -- --speed [--prefix syn-] [--requests 200]`: p50/p95 through the HTTP server.
 */

const USAGE =
  "usage: npm run eval:matching -- [--no-write] [--dump raw.json]\n" +
  "       npm run eval:matching -- --speed [--prefix syn-] [--requests 200] [--no-write]";

const RESULTS = projectPath("bench/RESULTS.md");
const INTRO = [
  "Written by `npm run eval:matching` (partnerSuggestions, issues 6 and 15). The scoring is explained in",
  "`docs/decisions/0005-partner-scoring.md`, the protocol in `docs/decisions/0035-honest-matching-evaluation.md`.",
];

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got '${value}'`);
  return n;
}

const log = (m: string): void => console.log(m);

/** The tables of one target definition and the notes on what was learned or chosen for them. */
interface Evaluation {
  heldTable: string[];
  untunedTable: string[];
  valTable: string[];
  learnedNotes: string[];
  candidateNotes: string[];
}
/** The COMPLEMENTARY target definitions, the headline first (0058's amendment, session 7b). */
const WORLD_DEFINITIONS: readonly { rule: WorldRule; title: string; what: string }[] = [
  {
    rule: "family",
    title: "Another family of kinds, or conditions apart (headline, amendment 7b)",
    what: "Another family of kinds (people concerned; koepels; knowledge and profession; government; care, support and funds), or condition groups that do not meet (`overkoepelend` meets every group but `doelgroep`; without conditions only the family counts).",
  },
  {
    rule: "kind",
    title: "Another kind, or conditions apart (session 7's definition)",
    what: "Another `kind` compared literally, or condition groups that do not meet.",
  },
  {
    rule: "conditions",
    title: "Conditions apart only",
    what: "Both have conditions and their condition groups do not meet; the kind plays no part.",
  },
];
/** How many COMPLEMENTARY (asker, target) pairs a set of asks holds. */
const complementaryTargets = (asks: Ask[]): number =>
  asks.filter((a) => a.mode === MatchMode.COMPLEMENTARY).reduce((n, a) => n + a.targets.length, 0);
const signed = (e: Estimate): string =>
  `${e.value >= 0 ? "+" : ""}${e.value.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    flags: ["speed", "no-write", "help"],
    options: ["requests", "prefix", "dump"],
  });
  if (args.flags.has("help")) {
    console.log(USAGE);
    return 0;
  }
  if (args.positional.length > 0)
    throw new UsageError(`unexpected argument '${args.positional[0]}'\n${USAGE}`);
  const write = !args.flags.has("no-write");
  const connection = await connect(log, { heapMiB: 1536 });
  const db = connection.db;
  const database = loadServiceConfig().neo4j.database;
  try {
    const neo4j = await neo4jVersion(db);
    if (args.flags.has("speed")) {
      const prefix = args.options.get("prefix") ?? "syn-";
      const requests = count(args.options.get("requests"), "requests", 200);
      const organisations = await sampleOrganisations(db, prefix, 500);
      if (organisations.length === 0) {
        throw new UsageError(
          `no organisations with ids starting '${prefix}': run npm run seed:synthetic first`,
        );
      }
      const graph = await organisationCounts(db);
      log(
        `speed: ${requests} requests over ${organisations.length} organisations; graph of ${graph.total} organisations`,
      );
      const r = await measureSpeed(db, organisations, { requests, warmup: 20 });
      const line = `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; ${r.roundTrips} round trip(s); ${r.errors} errors`;
      log(line);
      if (write) {
        const key = graph.total.toLocaleString("en-US");
        writeSubsection(RESULTS, INTRO, "### Speed", (previous) =>
          speedBody(
            previous,
            [
              "A sequential loop of requests (`first: 10`, SIMILAR and COMPLEMENTARY alternating, explanations and paths",
              "selected) through the HTTP server in the evaluation's process, after 20 warm-up requests; client-side",
              "latency. Target: p95 under 50 ms.",
              "",
              "| graph (organisations) | requests | p50 ms | p95 ms | p99 ms | max ms | round trips | run | machine |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
            ],
            `| ${key} | ${r.requests} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.roundTrips} | ${timestamp()} | ${machineLine(neo4j)} |`,
            key,
          ),
        );
        log(`written to ${RESULTS}`);
      }
      return r.errors > 0 ? 1 : 0;
    }

    const config = loadConfig();
    const settings: Settings = {
      k: config.k,
      resamples: config.bootstrap.resamples,
      seed: config.bootstrap.seed,
    };
    const seedData = validateSeedDir();
    const cases: Case[] = seedData.initiatives
      .map((i) => ({
        initiative: i.id,
        members: [...new Set(i.participants.map((p) => p.organisation))],
        derived: seedData.organisations.flatMap((o) =>
          (o.provenance ?? [])
            .filter((p) => p.initiative === i.id)
            .map((p) => ({ organisation: o.id, field: p.field, value: p.value })),
        ),
      }))
      .filter((c) => c.members.length >= 2);
    if (
      !(await initiativesPresent(
        db,
        seedData.initiatives.map((i) => i.id),
      ))
    ) {
      log("the factual dataset is missing: loading seeds/ first");
      await loadSeed(db, seedData, { log });
    }
    const graph = await organisationCounts(db);
    if (graph.synthetic > 0) log(`note: the graph also holds ${graph.synthetic} synthetic organisations`);
    // The product's defaults, the same in both modes (docs/decisions/0057 says why they stayed).
    const options = {
      weights: () => effectiveWeights(null),
      restart: config.randomWalkRestart,
      log,
    };

    log(`holding out each of the ${cases.length} seed initiatives with two or more members ...`);
    const held = await holdout(db, database, cases, options);
    log("independent validation set ...");
    const pairs = loadValidationPairs();
    const val = await validation(db, database, pairs, options);
    const fold = foldOf(config);
    const untuned = new Set(config.untunedInitiatives);

    /** Every row of the tables for one target definition, the modes it changes only. */
    const evaluate = (heldAsks: Ask[], valAsks: Ask[], modes: readonly MatchMode[]): Evaluation => {
      const learnedNotes: string[] = [];
      const nested = leaveOneGroupOut(heldAsks, productGrid(config.weightGrid), config.k);
      learnedNotes.push(
        `both modes, the product's five components chosen on all initiatives by the rule the nested row scores: ${describeWeights(nested.all)}`,
      );
      log(`candidate rankers (docs/decisions/0057) for ${modes.join(" and ")} ...`);
      const candidates = Object.fromEntries(
        modes.map((mode) => [
          mode,
          runCandidates(
            heldAsks.filter((a) => a.mode === mode),
            valAsks.filter((a) => a.mode === mode),
            (group) => held.views[group],
            val.view,
            config.candidates,
            config.weightGrid,
            config.k,
          ),
        ]),
      );
      const candidateNotes = modes.flatMap((mode) => {
        const run = candidates[mode];
        if (!run) return [];
        const ofMode = heldAsks.filter((a) => a.mode === mode);
        const product = perGroup(trials(ofMode, productScorer, config.k));
        return [
          ...run.notes.map((n) => `${mode}, ${n}`),
          ...run.held.map((m) => {
            const d = pairedDifference(perGroup(m.trials), product, settings.resamples, settings.seed);
            return `${mode}, ${m.method.replace(" (nested)", "")} minus the product: recall@${config.k} ${signed(d.recall)}, MRR ${signed(d.mrr)}`;
          }),
        ];
      });
      const heldTable = table(
        rows(heldAsks, modes, settings, (ofMode) => {
          const fit = crossFit(ofMode, fold, config.weightGrid, config.k);
          const mode = ofMode[0]?.mode ?? "";
          for (const [f, w] of Object.entries(fit.learned)) {
            learnedNotes.push(`${mode}, learned on fold ${f}: ${describeWeights(w)}`);
          }
          return [
            { method: "learned weights (other fold)", trials: fit.trials },
            {
              method: "learned weights, nested (leave one initiative out)",
              trials: nested.trials[mode] ?? [],
            },
            ...(candidates[mode]?.held ?? []),
          ];
        }),
        "initiatives",
      );
      const untunedTable = table(
        rows(
          heldAsks.filter((a) => untuned.has(a.group)),
          modes,
          settings,
        ),
        "initiatives",
      );
      const valTable = table(
        rows(valAsks, modes, settings, (ofMode) => candidates[ofMode[0]?.mode ?? ""]?.validation ?? []),
        "pairs",
      );
      return { heldTable, untunedTable, valTable, learnedNotes, candidateNotes };
    };

    const all = evaluate(held.asks, val.asks, MODES);
    // docs/decisions/0058 and its amendment (session 7b): COMPLEMENTARY targets from another world only,
    // the family rule first (the headline), then kinds compared literally, then condition groups alone.
    const definitions = WORLD_DEFINITIONS.map((d) => {
      const heldFar = perModeTargets(held.asks, (g) => held.views[g], d.rule);
      const valFar = perModeTargets(val.asks, () => val.view, d.rule);
      const targets = complementaryTargets(heldFar);
      log(`COMPLEMENTARY, ${d.title}: ${targets} targets ...`);
      return { ...d, targets, result: evaluate(heldFar, valFar, [MatchMode.COMPLEMENTARY]) };
    });
    const unmapped = [
      ...new Set(held.asks.flatMap((a) => (held.views[a.group]?.facts ?? []).map((f) => f.kind))),
    ]
      .filter((k) => !(k in KIND_FAMILIES))
      .sort();
    const allTargets = complementaryTargets(held.asks);
    const heldTable = all.heldTable;
    const untunedTable = all.untunedTable;
    const valTable = all.valTable;

    const dump = args.options.get("dump");
    if (dump) {
      // Raw asks and the graphs they were asked in, to study other scorers without asking again.
      writeFileSync(dump, JSON.stringify({ held, validation: val }));
      log(`raw asks written to ${dump}`);
    }
    for (const line of [...heldTable, "", ...untunedTable, "", ...valTable]) log(line);
    for (const n of [...all.learnedNotes, ...all.candidateNotes]) log(`  ${n}`);
    for (const d of definitions) {
      log(`COMPLEMENTARY, ${d.title}:`);
      for (const line of [...d.result.heldTable, "", ...d.result.valTable]) log(line);
      for (const n of [...d.result.learnedNotes, ...d.result.candidateNotes]) log(`  ${n}`);
    }
    if (unmapped.length > 0)
      log(`kinds outside the family table (each its own family): ${unmapped.join(", ")}`);
    for (const u of val.unusable) log(`  validation pair left out: ${u.pair} (${u.why})`);

    if (write) {
      const perInitiative = cases.map((c) => `${c.initiative} (${c.members.length})`).join(", ");
      writeSubsection(RESULTS, INTRO, "### Leave-one-out", () => [
        "Replaced by the held-out protocol below (issue 15): the old figures hid only PARTICIPATES_IN and leaked.",
      ]);
      writeSubsection(RESULTS, INTRO, "### Held-out initiatives (honest protocol)", () => [
        `Run ${timestamp()} on ${machineLine(neo4j)}. Graph: ${graph.total.toLocaleString("en-US")} organisations (${graph.synthetic.toLocaleString("en-US")} synthetic).`,
        "",
        "Each initiative with two or more members is held out whole, inside a transaction that is rolled back: the",
        "initiative and its participations, its events, the experiences from it or its events, and every",
        "organisation attribute whose seed provenance is that membership. Each active member then asks for",
        `partners (first ${50}, default weights, includeExisting false) and every fellow member it does not still`,
        `share another initiative with is a target. Filtered rank (the other fellow members are taken out of the`,
        `list first); ties counted as ties. recall@${config.k} and MRR per initiative, then the macro average over`,
        `initiatives with a percentile bootstrap 95% interval (${config.bootstrap.resamples} resamples of the initiatives, seed ${config.bootstrap.seed}).`,
        "Constants: `src/eval/matching.config.json`, committed before the run. Learned weights are fitted on one",
        "fold of initiatives (grid over the five components and the random-walk score) and scored on the other only.",
        "Nested: for each initiative, the grid point over the product's five components with the best macro recall",
        "(both modes together) on all the other initiatives is chosen, then scored on that initiative only.",
        "Added in session 4 of issue 15: the nested row and the table of untuned initiatives; k, bootstrap, restart, grid and folds unchanged.",
        "",
        ...heldTable,
        "",
        `- Initiatives (members): ${perInitiative}. ${held.stillPartners} (asker, target) pairs left out because the two still share another initiative; ${held.inactive} inactive members left out.`,
        ...all.learnedNotes.map((n) => `- ${n}.`),
        "",
        "Candidate rankers of session 6 (C0–C3, protocol in `docs/decisions/0057-ranking-candidates-protocol.md`): each",
        "initiative is scored by what the candidate chose or learned on the other initiatives only, per mode; the paired",
        "difference to the product is bootstrapped over initiatives (same resamples and seed).",
        "",
        ...all.candidateNotes.map((n) => `- ${n}.`),
        "",
        `Only the initiatives added after the product's components and default weights were chosen (${config.untunedInitiatives.join(", ")}): nothing in the product was tuned on them.`,
        "",
        ...untunedTable,
      ]);
      writeSubsection(
        RESULTS,
        INTRO,
        "### Independent validation set (real collaborations, not in the graph)",
        () => [
          `Run ${timestamp()}. ${pairs.length} pairs of organisations that worked together according to public sources`,
          "(`src/eval/matching.validation.json`, each with its source) but that the graph does not link. Never used",
          "to tune anything. Each side asks for the other (no hold-out: there is nothing to hide); macro average over",
          "pairs with a bootstrap interval over pairs. With this few pairs the intervals are wide.",
          "",
          ...valTable,
          "",
          "The candidate rows (C0–C3) use what each candidate chose on all held-out initiatives; nothing was chosen on these pairs.",
          "",
          ...val.unusable.map((u) => `- Left out: ${u.pair} (${u.why}).`),
        ],
      );
      writeSubsection(
        RESULTS,
        INTRO,
        "### COMPLEMENTARY targets from another world (docs/decisions/0058)",
        () => [
          `Run ${timestamp()}. The same asks as above, scored with the per-mode target definitions of`,
          "`docs/decisions/0058-complementary-targets-and-collection-rule.md`: a COMPLEMENTARY target is a fellow member",
          "from another world than the asker. Fellow members of the asker's own world are taken out of the list like",
          "the other targets; an ask or initiative without such a target drops out. SIMILAR keeps all fellow members,",
          "so its rows above stand. Nested and candidate rows are chosen again on each definition's targets, on the",
          `other initiatives only. COMPLEMENTARY targets under all fellow members: ${allTargets}.`,
          ...(unmapped.length > 0
            ? ["", `Kinds outside the family table (each its own family): ${unmapped.join(", ")}.`]
            : []),
          ...definitions.flatMap((d) => [
            "",
            `#### ${d.title} (${d.targets} targets)`,
            "",
            d.what,
            "",
            ...d.result.heldTable,
            "",
            ...[...d.result.learnedNotes, ...d.result.candidateNotes].map((n) => `- ${n}.`),
            "",
            "Validation pairs in different worlds only:",
            "",
            ...d.result.valTable,
          ]),
        ],
      );
      log(`written to ${RESULTS}`);
    }
    return 0;
  } finally {
    await connection.close();
  }
}

runCli(main);
