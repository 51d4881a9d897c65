import { applyGraphSchema } from "../db/graph-schema";
import { rebuildAggregates } from "../graph/common/aggregates.rebuild";
import { connect, parseArgs, runCli, UsageError } from "./cli.runtime";

/**
 * `npm run aggregates:rebuild`: recomputes the maintained aggregates (whoWorksOn's scores, the
 * municipality × topic counts; decision 0048) from the graph. Idempotent; prints its progress. Needed
 * only after writes that went around the write paths (hand-written Cypher); the service also rebuilds
 * them at start when they are missing or out of date.
 */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { flags: ["help"], options: [] });
  if (args.flags.has("help")) {
    console.log("usage: npm run aggregates:rebuild");
    return 0;
  }
  if (args.positional.length > 0)
    throw new UsageError(`unexpected argument '${args.positional[0]}' (try --help)`);
  const log = (m: string): void => console.log(m);
  const connection = await connect(log);
  try {
    await applyGraphSchema(connection.db);
    const started = Date.now();
    let lastStep = "";
    let lastPercent = -1;
    await rebuildAggregates(connection.db, (step, done, total) => {
      const percent = Math.floor((100 * done) / Math.max(1, total));
      // One line per step and every tenth: readable in a terminal and in a CI log.
      if (step !== lastStep || percent >= lastPercent + 10 || done === total) {
        console.log(`  ${step}: ${done}/${total} (${percent}%)`);
        lastStep = step;
        lastPercent = percent;
      }
    });
    console.log(
      `aggregates rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s (${connection.where})`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}

runCli(main);
