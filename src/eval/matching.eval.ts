import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { loadConfig } from "../config";
import { projectPath } from "../paths";
import { connect, parseArgs, runCli, UsageError } from "../seed/cli.runtime";
import { runSteps } from "../seed/batch.writer";
import { entitySteps, orderSteps } from "../seed/graph.steps";
import { loadSeed } from "../seed/seed.loader";
import { validateSeedDir } from "../seed/seed.validate";
import { loadSyntheticReference, removeSynthetic } from "../seed/synthetic.store";
import { breakdown, DEPTH, type InitiativeCase, leaveOneOut, metrics } from "./matching.leave-one-out";
import { generatePlanted } from "./matching.planted";
import { machineLine, metricsTable, speedBody, timestamp, writeSubsection } from "./matching.report";
import {
  initiativesPresent,
  neo4jVersion,
  organisationCounts,
  sampleOrganisations,
} from "./matching.repository";
import { measureSpeed } from "./matching.speed";

/**
 * `npm run eval:matching [-- --groups 30 --noise 20 --seed 7 --no-write]`: leave-one-out on the real
 * seed initiatives and on a planted synthetic graph (written with a unique syn-eval- prefix and removed
 * afterwards); prints recall@10 and MRR per mode and writes them to bench/RESULTS.md.
 * `npm run eval:matching -- --speed [--prefix syn-] [--requests 200]`: p50/p95 of partnerSuggestions
 * through the HTTP server on the graph as it is (load one with `npm run seed:synthetic` first).
 */

const USAGE =
  "usage: npm run eval:matching -- [--groups 30] [--noise 20] [--seed 7] [--max-fellows N] [--skip-seed] [--skip-planted] [--no-write]\n" +
  "       npm run eval:matching -- --speed [--prefix syn-] [--requests 200] [--no-write]";

const RESULTS = projectPath("bench/RESULTS.md");
const INTRO = [
  "Written by `npm run eval:matching` (partnerSuggestions, issue 6). The scoring is explained in",
  "`docs/decisions/0005-partner-scoring.md`.",
];

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got '${value}'`);
  return n;
}

const log = (m: string): void => console.log(m);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    flags: ["speed", "no-write", "skip-seed", "skip-planted", "help"],
    options: ["groups", "noise", "seed", "max-fellows", "requests", "prefix"],
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
  const database = loadConfig().neo4j.database;
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

    const seedData = validateSeedDir();
    const seedCases: InitiativeCase[] = seedData.initiatives.map((i) => ({
      initiative: i.id,
      members: [...new Set(i.participants.map((p) => p.organisation))],
    }));
    if (
      !(await initiativesPresent(
        db,
        seedCases.map((c) => c.initiative),
      ))
    ) {
      log("the factual dataset is missing: loading seeds/ first");
      await loadSeed(db, seedData, { log });
    }
    const graph = await organisationCounts(db);
    const rows: { data: string; breakdown: ReturnType<typeof breakdown> }[] = [];
    const notes: string[] = [];

    if (!args.flags.has("skip-seed")) {
      log(`leave-one-out on the ${seedCases.length} seed initiatives ...`);
      const result = await leaveOneOut(db, database, seedCases);
      const b = breakdown(result.trials);
      rows.push({ data: `seed initiatives (${seedCases.length})`, breakdown: b });
      notes.push(
        `Seed: ${result.trials.length / 2} (hidden, asker) pairs per mode; ${result.skippedStillPartners} pairs left out because the two still share another initiative.`,
      );
      const perInitiative: string[] = [];
      for (const initiative of seedCases) {
        const of = result.trials.filter((t) => t.initiative === initiative.initiative);
        if (of.length === 0) continue;
        const s = metrics(of.filter((t) => t.mode === "SIMILAR"));
        const c = metrics(of.filter((t) => t.mode === "COMPLEMENTARY"));
        const line = `${initiative.initiative} ${s.trials} pairs, ${s.recallAt10.toFixed(2)} / ${c.recallAt10.toFixed(2)}`;
        perInitiative.push(line);
        log(`  ${line}`);
      }
      notes.push(`Seed recall@10 per initiative (SIMILAR / COMPLEMENTARY): ${perInitiative.join("; ")}.`);
    }

    if (!args.flags.has("skip-planted")) {
      const groups = count(args.options.get("groups"), "groups", 30);
      const noise = count(args.options.get("noise"), "noise", 20);
      const seed = count(args.options.get("seed"), "seed", 7);
      const prefix = `syn-eval-${randomBytes(4).toString("hex")}-`;
      const reference = await loadSyntheticReference(db);
      const planted = generatePlanted(reference, { prefix, groups, noisePerGroup: noise, seed });
      log(
        `planted graph: ${groups} groups, ${planted.entities.organisations.length} organisations (prefix ${prefix}) ...`,
      );
      try {
        await runSteps(db, orderSteps(entitySteps(planted.entities)));
        const result = await leaveOneOut(
          db,
          database,
          planted.groups.map((g) => ({ initiative: g.initiative, members: g.members, label: g.style })),
          { maxFellows: count(args.options.get("max-fellows"), "max-fellows", 0) || undefined },
        );
        rows.push({ data: `planted (${groups} groups, seed ${seed})`, breakdown: breakdown(result.trials) });
        notes.push(
          `Planted: ${groups} groups of 5–7 (half "similar": one kind and a shared condition; half "complementary": different kinds and conditions) sharing a theme of two topics and a province, one initiative each, sometimes an event or experience; ${groups * noise} noise organisations with noise initiatives and events that sometimes pull in a group member. ${result.trials.length / 2} pairs per mode; ${result.skippedStillPartners} left out (still partners via a noise initiative).`,
        );
      } finally {
        const removed = await removeSynthetic(db, prefix);
        log(`removed the planted graph (${removed} nodes)`);
      }
    }

    const table = metricsTable(rows);
    for (const line of table) log(line);
    if (write && rows.length > 0) {
      writeSubsection(RESULTS, INTRO, "### Leave-one-out", () => [
        `Run ${timestamp()} on ${machineLine(neo4j)}. Graph: ${graph.total.toLocaleString("en-US")} organisations (${graph.synthetic.toLocaleString("en-US")} synthetic) besides the planted ones.`,
        "",
        `Hide one member's PARTICIPATES_IN (inside a transaction that is rolled back), ask the first ${DEPTH} suggestions (default weights, includeExisting false) for each fellow member, and find the hidden member: recall@10 = share of trials where it ranks in the top 10, MRR = mean of 1/rank (0 beyond ${DEPTH}).`,
        "",
        ...table,
        "",
        ...notes.map((n) => `- ${n}`),
      ]);
      log(`written to ${RESULTS}`);
    }
    return 0;
  } finally {
    await connection.close();
  }
}

runCli(main);
