import { readFileSync } from "node:fs";
import { z } from "zod";
import { projectPath } from "../paths";

/** The evaluation's constants (src/eval/matching.config.json) and its independent validation pairs. */

const configSchema = z.object({
  k: z.number().int().positive(),
  bootstrap: z.object({ resamples: z.number().int().positive(), seed: z.number().int() }),
  randomWalkRestart: z.number().gt(0).lt(1),
  weightGrid: z.array(z.number().min(0)).min(2),
  folds: z.object({ A: z.array(z.string()), B: z.array(z.string()) }),
  /** Initiatives added after the product's weights and components were chosen: reported on their own too. */
  untunedInitiatives: z.array(z.string()).default([]),
  /** The constants of session 6's candidate rankers (docs/decisions/0057). */
  candidates: z.object({
    lambdas: z.array(z.number().min(0)).min(1),
    learningRate: z.number().positive(),
    steps: z.number().int().positive(),
    restarts: z.array(z.number().gt(0).lt(1)).min(1),
    walkWeights: z.array(z.number().min(0)).min(1),
    goalWeights: z.array(z.number().min(0)).min(1),
  }),
});
export type EvalConfig = z.infer<typeof configSchema>;

const pairsSchema = z.array(
  z.object({
    a: z.string().min(1),
    b: z.string().min(1),
    collaboration: z.string().min(1),
    sources: z.array(z.url()).min(1),
  }),
);
export type ValidationPair = z.infer<typeof pairsSchema>[number];

export function loadConfig(file = projectPath("src/eval/matching.config.json")): EvalConfig {
  return configSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export function loadValidationPairs(
  file = projectPath("src/eval/matching.validation.json"),
): ValidationPair[] {
  return pairsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** The fold of an initiative: as listed, else B (the rule in the config). */
export function foldOf(config: EvalConfig): (group: string) => string {
  return (group) => (config.folds.A.includes(group) ? "A" : "B");
}
