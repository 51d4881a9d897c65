import type { OrganisationRecord } from "./seed.schema";
import { type Random, ZipfSampler } from "./synthetic.random";

/**
 * The reference data the synthetic generator draws from (real places, topics, conditions), sorted
 * and turned into skewed samplers once.
 */

export interface SyntheticReference {
  provinces: { code: string; name: string }[];
  municipalities: { code: string; name: string; provinceCode: string; lat: number; lon: number }[];
  topics: { id: string; name: string; broader: string | null }[];
  conditions: { id: string; name: string }[];
}

export type Place = SyntheticReference["municipalities"][number];

/** A generated organisation with what collaboration is clustered on: its home and its main theme. */
export interface OrgMeta {
  record: OrganisationRecord;
  home: Place;
  /** The root of the topic tree it mostly works in. */
  root: string;
}

export interface World {
  random: Random;
  prefix: string;
  source: string;
  provinceName: Map<string, string>;
  municipalityByCode: Map<string, Place>;
  /** Where local and regional organisations are based: big cities first, Zipf-skewed. */
  places: ZipfSampler<Place>;
  /** Where national organisations are based. */
  bigCities: ZipfSampler<Place>;
  neighbours: Map<string, string[]>;
  topicName: Map<string, string>;
  conditionName: Map<string, string>;
  roots: ZipfSampler<string>;
  topicsOfRoot: Map<string, ZipfSampler<string>>;
  allTopics: ZipfSampler<string>;
  conditions: ZipfSampler<string> | undefined;
}

/** The largest cities first: organisations cluster where people live (CBS codes). */
const BIG_CITIES = [
  "GM0363",
  "GM0599",
  "GM0518",
  "GM0344",
  "GM0772",
  "GM0014",
  "GM0855",
  "GM0034",
  "GM0758",
  "GM0268",
  "GM0153",
  "GM0193",
  "GM0202",
  "GM0307",
  "GM0392",
  "GM0200",
  "GM0796",
  "GM0080",
  "GM0935",
  "GM0106",
];

/** Locale-independent ordering, so that the output does not depend on the machine. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const START_DAY = Date.UTC(2015, 0, 1);
const END_DAY = Date.UTC(2025, 9, 31);
const DAY_MS = 86_400_000;

/** A day between `from` and `to` (epoch milliseconds) as YYYY-MM-DD. */
export function isoDay(random: Random, from = START_DAY, to = END_DAY): string {
  const day = from + Math.floor(random.next() * ((to - from) / DAY_MS)) * DAY_MS;
  return new Date(day).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): number {
  return Date.parse(isoDate) + days * DAY_MS;
}

export function buildWorld(
  reference: SyntheticReference,
  random: Random,
  prefix: string,
  source: string,
): World {
  // Sorted first: the database returns rows in no guaranteed order.
  const municipalities = [...reference.municipalities].sort((a, b) => compare(a.code, b.code));
  const topics = [...reference.topics].sort((a, b) => compare(a.id, b.id));
  const conditions = [...reference.conditions].sort((a, b) => compare(a.id, b.id));
  const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));

  const big = BIG_CITIES.flatMap((c) => municipalityByCode.get(c) ?? []);
  const rest = random.shuffle(municipalities.filter((m) => !BIG_CITIES.includes(m.code)));

  const parent = new Map(topics.map((t) => [t.id, t.broader]));
  const rootOf = (id: string): string => {
    let current = id;
    for (let depth = 0; depth < 10; depth++) {
      const up = parent.get(current);
      if (!up) return current;
      current = up;
    }
    return current;
  };
  const byRoot = groupBy(topics, (t) => rootOf(t.id));
  const roots = new ZipfSampler(random.shuffle([...byRoot.keys()].sort(compare)), 0.6);
  const topicsOfRoot = new Map(
    [...byRoot].map(([root, list]) => [root, new ZipfSampler(random.shuffle(list.map((t) => t.id)), 1)]),
  );
  const allTopics = new ZipfSampler(random.shuffle(topics.map((t) => t.id)), 1);
  const conditionSampler =
    conditions.length > 0 ? new ZipfSampler(random.shuffle(conditions.map((c) => c.id)), 0.8) : undefined;

  return {
    random,
    prefix,
    source,
    provinceName: new Map(reference.provinces.map((p) => [p.code, p.name])),
    municipalityByCode,
    places: new ZipfSampler([...big, ...rest], 0.75),
    bigCities: new ZipfSampler(big.length > 0 ? big : municipalities, 1),
    neighbours: nearestNeighbours(municipalities, 6),
    topicName: new Map(topics.map((t) => [t.id, t.name])),
    conditionName: new Map(conditions.map((c) => [c.id, c.name])),
    roots,
    topicsOfRoot,
    allTopics,
    conditions: conditionSampler,
  };
}

/** The `count` nearest municipalities of each (equirectangular distance is plenty at this scale). */
function nearestNeighbours(list: readonly Place[], count: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const cosLat = Math.cos((52 * Math.PI) / 180);
  for (const m of list) {
    const nearest = list
      .filter((o) => o.code !== m.code)
      .map((o) => ({ code: o.code, d: (o.lat - m.lat) ** 2 + ((o.lon - m.lon) * cosLat) ** 2 }))
      .sort((a, b) => a.d - b.d || compare(a.code, b.code))
      .slice(0, count)
      .map((o) => o.code);
    out.set(m.code, nearest);
  }
  return out;
}
