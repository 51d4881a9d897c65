#!/usr/bin/env node
/* global process, console */
// `npm run fuzz -- --n 50000 --seed 7`: the schema-driven fuzz test of test/integration/fuzz.test.ts
// with more requests, against a fresh local Neo4j (or NEO4J_TEST_URI). Prints the codes seen.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = option("n", "2000");
const seed = option("seed", String(Date.now() % 1_000_000));
if (!/^\d+$/.test(runs) || !/^\d+$/.test(seed)) {
  console.error("usage: npm run fuzz -- [--n <requests>] [--seed <integer>]");
  process.exit(2);
}
console.log(`fuzz: ${runs} requests, seed ${seed}`);
const started = Date.now();
const result = spawnSync(
  "npx",
  ["jest", "test/integration/fuzz.test.ts", "--selectProjects", "integration"],
  { stdio: "inherit", env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, FUZZ_REPORT: "1" } },
);
console.log(`fuzz: ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status}`);
process.exit(result.status ?? 1);
