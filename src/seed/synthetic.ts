import { createHash } from "node:crypto";
import type { GraphEntities } from "./graph.steps";
import type { SeedData } from "./seed.schema";
import { generateEvents, generateExperiences, generateInitiatives } from "./synthetic.activities";
import { generateOrganisations } from "./synthetic.organisations";
import { Random } from "./synthetic.random";
import { buildWorld, type SyntheticReference } from "./synthetic.world";

/**
 * A deterministic generator of a large, realistic graph over the real places, topics and conditions:
 * skewed popularity (Zipf), mostly local organisations, collaboration clustered by region and theme,
 * a few umbrella organisations (koepels) with many members, and per N organisations about N/20
 * initiatives, N/10 events and N/2 experiences. Same reference data + same seed → the same rows (and
 * checksum). Every id starts with the prefix (default `syn-`) so that it can be removed.
 */

export type { SyntheticReference };

export interface SyntheticOptions {
  organisations: number;
  seed?: number;
  /** Must start with "syn-": removal deletes by this prefix. */
  prefix?: string;
}

export interface SyntheticGraph extends GraphEntities {
  checksum: string;
}

export const SYNTHETIC_PREFIX = "syn-";

export function referenceFromSeed(data: SeedData): SyntheticReference {
  return {
    provinces: data.provinces.map((p) => ({ code: p.code, name: p.name })),
    municipalities: data.municipalities.map((m) => ({
      code: m.code,
      name: m.name,
      provinceCode: m.provinceCode,
      lat: m.lat,
      lon: m.lon,
    })),
    topics: data.topics.map((t) => ({ id: t.id, name: t.name, broader: t.broader })),
    conditions: data.conditions.map((c) => ({ id: c.id, name: c.name })),
  };
}

export function generateSynthetic(reference: SyntheticReference, options: SyntheticOptions): SyntheticGraph {
  const prefix = options.prefix ?? SYNTHETIC_PREFIX;
  if (!prefix.startsWith(SYNTHETIC_PREFIX))
    throw new Error(`the id prefix must start with '${SYNTHETIC_PREFIX}'`);
  const n = options.organisations;
  if (!Number.isInteger(n) || n < 1)
    throw new Error("the number of organisations must be a positive integer");
  if (reference.municipalities.length === 0 || reference.topics.length === 0) {
    throw new Error("no municipalities or topics to build on: load the factual dataset first");
  }
  const seed = options.seed ?? 42;
  const world = buildWorld(reference, new Random(seed), prefix, `synthetic (seed ${seed})`);

  const orgs = generateOrganisations(world, n);
  const initiatives = generateInitiatives(world, orgs, Math.max(1, Math.round(n / 20)));
  const events = generateEvents(world, orgs, initiatives, Math.max(1, Math.round(n / 10)));
  const experiences = generateExperiences(world, orgs, initiatives, events, Math.max(1, Math.round(n / 2)));

  const entities: GraphEntities = {
    organisations: orgs.map((o) => o.record),
    initiatives: initiatives.map((i) => i.record),
    events,
    experiences,
  };
  return { ...entities, checksum: checksumOf(entities) };
}

/** A fingerprint of the generated rows: equal for equal reference data, seed and size. */
export function checksumOf(entities: GraphEntities): string {
  const hash = createHash("sha256");
  for (const key of ["organisations", "initiatives", "events", "experiences"] as const) {
    for (const row of entities[key]) hash.update(JSON.stringify(row));
  }
  return hash.digest("hex");
}
