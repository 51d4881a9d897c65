import os from "node:os";
import { formatReport, totalCreated } from "./batch.writer";
import { connect, parseArgs, progressBar, runCli, UsageError } from "./cli.runtime";
import { loadSeed } from "./seed.loader";
import { validateSeedDir } from "./seed.validate";
import { generateSynthetic, SYNTHETIC_PREFIX } from "./synthetic";
import { loadSyntheticReference, removeSynthetic, writeSynthetic } from "./synthetic.store";

/**
 * `npm run seed:synthetic -- --organisations N [--seed 42] [--prefix syn-] [--batch-size 1000]`
 * `npm run seed:synthetic -- --remove [--prefix syn-]`
 * Generates a large deterministic graph over the real places, topics and conditions (loading the
 * factual dataset first when the database lacks it) and writes it; `--remove` deletes it again.
 */
const USAGE =
  "usage: npm run seed:synthetic -- --organisations N [--seed 42] [--prefix syn-] [--batch-size 1000]\n" +
  "       npm run seed:synthetic -- --remove [--prefix syn-]";

function positiveInt(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required\n${USAGE}`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got '${value}'`);
  return n;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    flags: ["remove", "help"],
    options: ["organisations", "seed", "prefix", "batch-size"],
  });
  if (args.flags.has("help")) {
    console.log(USAGE);
    return 0;
  }
  if (args.positional.length > 0)
    throw new UsageError(`unexpected argument '${args.positional[0]}'\n${USAGE}`);
  const prefix = args.options.get("prefix") ?? SYNTHETIC_PREFIX;
  if (!prefix.startsWith(SYNTHETIC_PREFIX))
    throw new UsageError(`--prefix must start with '${SYNTHETIC_PREFIX}'`);
  const remove = args.flags.has("remove");
  const organisations = remove ? 0 : positiveInt(args.options.get("organisations"), "organisations");
  if (!remove && organisations < 1) throw new UsageError("--organisations must be at least 1");
  const seed = positiveInt(args.options.get("seed"), "seed", 42);
  const batchSize = positiveInt(args.options.get("batch-size"), "batch-size", 1000);

  const log = (m: string): void => console.log(m);
  const connection = await connect(log, { heapMiB: 1536 });
  const bar = progressBar();
  try {
    if (remove) {
      const started = Date.now();
      const deleted = await removeSynthetic(connection.db, prefix);
      console.log(
        `removed ${deleted} synthetic nodes with ids starting '${prefix}' in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      return 0;
    }
    let reference = await loadSyntheticReference(connection.db);
    if (reference.municipalities.length === 0 || reference.topics.length === 0) {
      log("the database lacks the factual dataset: loading seeds/ first");
      await loadSeed(connection.db, validateSeedDir(), { log });
      reference = await loadSyntheticReference(connection.db);
    }

    const generationStart = Date.now();
    const graph = generateSynthetic(reference, { organisations, seed, prefix });
    const generationMs = Date.now() - generationStart;
    console.log(
      `generated ${graph.organisations.length} organisations, ${graph.initiatives.length} initiatives, ` +
        `${graph.events.length} events, ${graph.experiences.length} experiences in ${generationMs} ms (seed ${seed}, checksum ${graph.checksum.slice(0, 12)})`,
    );
    const report = await writeSynthetic(connection.db, graph, { progress: bar.progress, batchSize, log });
    bar.stop();
    for (const line of formatReport(report)) console.log(line);
    const created = totalCreated(report);
    console.log(
      `loaded ${created.nodes} nodes and ${created.relationships} relationships in ${(report.durationMs / 1000).toFixed(1)} s ` +
        `(${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown cpu"}); remove with --remove --prefix ${prefix}`,
    );
    return 0;
  } finally {
    bar.stop();
    await connection.close();
  }
}

runCli(main);
