import { createHash } from "node:crypto";
import type { GraphEntities } from "./graph.steps";
import type {
  EventRecord,
  EventRole,
  ExperienceKind,
  ExperienceRecord,
  InitiativeRecord,
  InitiativeRole,
  OrganisationRecord,
  Scope,
  SeedData,
} from "./seed.schema";
import { Random, ZipfSampler } from "./synthetic.random";
import {
  EVENT_KINDS,
  EXPERIENCE_WEIGHTS,
  INITIATIVE_KINDS,
  KIND_WEIGHTS,
  NameMaker,
  eventName,
  experienceSummary,
  experienceTitle,
  initiativeGoal,
  initiativeName,
  organisationBase,
  organisationDescription,
} from "./synthetic.text";

/**
 * A deterministic generator of a large, realistic graph over the real places, topics and conditions:
 * skewed popularity (Zipf), mostly local organisations, collaboration clustered by region and theme,
 * a few umbrella organisations (koepels) with many members. Same reference data + same seed → the
 * same rows (and checksum). Every id starts with the prefix (default `syn-`) so that it can be removed.
 */

export interface SyntheticReference {
  provinces: { code: string; name: string }[];
  municipalities: { code: string; name: string; provinceCode: string; lat: number; lon: number }[];
  topics: { id: string; name: string; broader: string | null }[];
  conditions: { id: string; name: string }[];
}

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

/** The largest cities first: organisations cluster where people live (CBS codes). */
const BIG_CITIES = [
  "GM0363", "GM0599", "GM0518", "GM0344", "GM0772", "GM0014", "GM0855", "GM0034", "GM0758", "GM0268",
  "GM0153", "GM0193", "GM0202", "GM0307", "GM0392", "GM0200", "GM0796", "GM0080", "GM0935", "GM0106",
]; // prettier-ignore

const START_DAY = Date.UTC(2015, 0, 1);
const END_DAY = Date.UTC(2025, 9, 31);
const TODAY = "2025-11-01";

function isoDay(random: Random, from = START_DAY, to = END_DAY): string {
  const day = from + Math.floor(random.next() * ((to - from) / 86_400_000)) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

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

type Place = SyntheticReference["municipalities"][number];

interface OrgMeta {
  record: OrganisationRecord;
  home: Place;
  root: string;
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
  const random = new Random(seed);
  const source = `synthetic (seed ${seed})`;

  // Sort everything: the database returns rows in no guaranteed order.
  const municipalities = [...reference.municipalities].sort((a, b) => compare(a.code, b.code));
  const topics = [...reference.topics].sort((a, b) => compare(a.id, b.id));
  const conditions = [...reference.conditions].sort((a, b) => compare(a.id, b.id));
  const provinceName = new Map(reference.provinces.map((p) => [p.code, p.name]));
  const byCode = new Map(municipalities.map((m) => [m.code, m]));

  const big = BIG_CITIES.flatMap((c) => byCode.get(c) ?? []);
  const rest = random.shuffle(municipalities.filter((m) => !BIG_CITIES.includes(m.code)));
  const places = new ZipfSampler([...big, ...rest], 0.75);
  const bigCities = new ZipfSampler(big.length > 0 ? big : municipalities, 1);
  const neighbours = nearestNeighbours(municipalities, 6);

  const topicName = new Map(topics.map((t) => [t.id, t.name]));
  const rootOf = (id: string): string => {
    let current = id;
    for (let i = 0; i < 10; i++) {
      const parent = topics.find((t) => t.id === current)?.broader;
      if (!parent) return current;
      current = parent;
    }
    return current;
  };
  const topicsByRoot = groupBy(topics, (t) => rootOf(t.id));
  const rootSampler = new ZipfSampler(random.shuffle([...topicsByRoot.keys()].sort(compare)), 0.6);
  const topicSamplers = new Map(
    [...topicsByRoot].map(([root, list]) => [
      root,
      new ZipfSampler(random.shuffle(list.map((t) => t.id)), 1),
    ]),
  );
  const allTopics = new ZipfSampler(random.shuffle(topics.map((t) => t.id)), 1);
  const conditionSampler =
    conditions.length > 0 ? new ZipfSampler(random.shuffle(conditions.map((c) => c.id)), 0.8) : undefined;

  // ---- organisations ----
  const names = new NameMaker();
  const pad = (i: number): string => String(i).padStart(6, "0");
  const koepelCount = Math.max(3, Math.min(12, Math.round(n / 2000)));
  const orgs: OrgMeta[] = [];
  for (let i = 0; i < n; i++) {
    const isKoepel = i < Math.min(koepelCount, n);
    const scope: Scope = isKoepel ? "NATIONAL" : random.weighted({ LOCAL: 75, REGIONAL: 20, NATIONAL: 5 });
    const home = scope === "NATIONAL" ? bigCities.draw(random) : places.draw(random);
    const kind = isKoepel ? "koepel" : random.weighted(KIND_WEIGHTS[scope]);
    const root = rootSampler.draw(random);
    const topicCount = 1 + Math.min(4, Math.floor(-Math.log(1 - random.next()) * 1.2));
    const orgTopics = new Set<string>(topicSamplers.get(root)?.drawDistinct(random, topicCount) ?? []);
    if (random.chance(0.3)) orgTopics.add(allTopics.draw(random));
    const conditionCount =
      kind === "patiëntenvereniging" ? random.int(1, 2) : random.chance(0.4) ? random.int(1, 2) : 0;
    const orgConditions = conditionSampler?.drawDistinct(random, conditionCount) ?? [];
    const province = provinceName.get(home.provinceCode) ?? home.provinceCode;

    const activeIn: string[] = [];
    if (scope === "LOCAL") {
      activeIn.push(home.code);
      if (random.chance(0.3)) activeIn.push(...(neighbours.get(home.code) ?? []).slice(0, random.int(1, 2)));
    } else if (scope === "REGIONAL") {
      if (random.chance(0.5)) activeIn.push(home.provinceCode);
      else activeIn.push(home.code, ...(neighbours.get(home.code) ?? []).slice(0, random.int(2, 6)));
    }

    const subject =
      scope === "NATIONAL"
        ? orgConditions[0] && kind === "patiëntenvereniging"
          ? (conditions.find((c) => c.id === orgConditions[0])?.name ?? "Nederland")
          : (topicName.get([...orgTopics][0] ?? "") ?? "Nederland")
        : scope === "REGIONAL"
          ? random.chance(0.5)
            ? province
            : `Regio ${home.name}`
          : home.name;
    const name = names.make(organisationBase(kind, random.int(0, 9), subject));
    const topicNames = [...orgTopics].map((t) => topicName.get(t) ?? t);
    orgs.push({
      home,
      root,
      record: {
        id: `${prefix}org-${pad(i + 1)}`,
        name,
        kind,
        scope,
        status: isKoepel || random.chance(0.95) ? "ACTIVE" : "INACTIVE",
        description: organisationDescription(
          kind,
          scope,
          scope === "REGIONAL" ? province : home.name,
          topicNames,
        ),
        website: null,
        basedIn: home.code,
        activeIn,
        topics: [...orgTopics],
        conditions: orgConditions,
        memberOf: [],
        successorOf: [],
        confidence: "synthetic",
        source,
      },
    });
  }
  // Koepels gather many members; membership popularity is skewed too.
  const koepels = new ZipfSampler(
    orgs.slice(0, koepelCount).map((o) => o.record.id),
    1,
  );
  for (const org of orgs.slice(koepelCount)) {
    if (random.chance(0.35)) org.record.memberOf = koepels.drawDistinct(random, random.chance(0.15) ? 2 : 1);
  }

  // Pools for clustered collaboration: same province and theme first, then province, then national.
  const clusterPool = groupBy(orgs, (o) => `${o.home.provinceCode}|${o.root}`);
  const provincePool = groupBy(orgs, (o) => o.home.provinceCode);
  const nationalPool = orgs.filter((o) => o.record.scope === "NATIONAL");

  // ---- initiatives ----
  const initiatives: InitiativeRecord[] = [];
  const initiativeMeta: { record: InitiativeRecord; members: OrgMeta[]; home: Place }[] = [];
  const initiativeNames = new NameMaker();
  for (let i = 0; i < Math.max(1, Math.round(n / 20)); i++) {
    const anchor = random.pick(orgs);
    const size = Math.min(15, 3 + Math.floor(Math.pow(random.next(), 2) * 13), orgs.length);
    const members = new Set<OrgMeta>([anchor]);
    const cluster = clusterPool.get(`${anchor.home.provinceCode}|${anchor.root}`) ?? [anchor];
    const region = provincePool.get(anchor.home.provinceCode) ?? [anchor];
    for (let attempts = 0; members.size < size && attempts < size * 10; attempts++) {
      const r = random.next();
      const pool = r < 0.7 ? cluster : r < 0.9 ? region : nationalPool.length > 0 ? nationalPool : orgs;
      members.add(random.pick(pool));
    }
    const list = [...members];
    const participants = list.map((m, k) => ({
      organisation: m.record.id,
      role: (k === 0
        ? "COORDINATOR"
        : k <= 2 && random.chance(0.3)
          ? "ORGANISER"
          : random.chance(0.2)
            ? "SUPPORTER"
            : "PARTNER") as InitiativeRole,
    }));
    const kind = random.weighted(INITIATIVE_KINDS);
    const iTopics = topicSamplers.get(anchor.root)?.drawDistinct(random, random.int(1, 3)) ?? [];
    const mainTopic = topicName.get(iTopics[0] ?? "") ?? "samenwerking";
    const regional = anchor.record.scope !== "LOCAL" && random.chance(0.5);
    const iPlaces = regional
      ? [anchor.home.provinceCode]
      : [
          ...new Set(
            list
              .filter(
                (m) => m.record.scope !== "NATIONAL" && m.home.provinceCode === anchor.home.provinceCode,
              )
              .map((m) => m.home.code),
          ),
        ].slice(0, 5);
    const placeLabel = regional
      ? (provinceName.get(anchor.home.provinceCode) ?? "de regio")
      : anchor.home.name;
    const startDate = isoDay(random);
    const endDate = random.chance(0.4)
      ? isoDay(random, Date.parse(startDate) + 180 * 86_400_000, Date.parse(startDate) + 3 * 365 * 86_400_000)
      : null;
    const conditionPool = [...new Set(list.flatMap((m) => m.record.conditions))].sort(compare);
    const record: InitiativeRecord = {
      id: `${prefix}ini-${pad(i + 1)}`,
      name: initiativeNames.make(initiativeName(kind, mainTopic, placeLabel)),
      kind,
      goal: initiativeGoal(mainTopic, placeLabel),
      startDate,
      endDate,
      status: endDate !== null && endDate < TODAY ? "COMPLETED" : "ACTIVE",
      topics: iTopics,
      conditions: conditionPool.length > 0 && random.chance(0.5) ? [random.pick(conditionPool)] : [],
      places: iPlaces,
      participants,
      source,
    };
    initiatives.push(record);
    initiativeMeta.push({ record, members: list, home: anchor.home });
  }

  // ---- events ----
  const events: EventRecord[] = [];
  const eventNames = new NameMaker();
  for (let i = 0; i < Math.max(1, Math.round(n / 10)); i++) {
    const fromInitiative =
      initiativeMeta.length > 0 && random.chance(0.6) ? random.pick(initiativeMeta) : undefined;
    const organiser = fromInitiative?.members[0] ?? random.pick(orgs);
    const pool = fromInitiative?.members ?? provincePool.get(organiser.home.provinceCode) ?? [organiser];
    const members = new Set<OrgMeta>([organiser]);
    const size = random.int(2, 8);
    for (let attempts = 0; members.size < size && attempts < size * 10; attempts++)
      members.add(random.pick(pool));
    const kind = random.weighted(EVENT_KINDS);
    const place = kind === "webinar" ? null : (fromInitiative?.home ?? organiser.home);
    const eTopics = fromInitiative
      ? fromInitiative.record.topics.slice(0, random.int(1, Math.max(1, fromInitiative.record.topics.length)))
      : organiser.record.topics.slice(0, 2);
    const mainTopic = topicName.get(eTopics[0] ?? "") ?? "samenwerking";
    events.push({
      id: `${prefix}evt-${pad(i + 1)}`,
      name: eventNames.make(eventName(kind, mainTopic, place?.name ?? null)),
      date: random.chance(0.85) ? isoDay(random, Date.UTC(2016, 0, 1)) : null,
      kind,
      place: place?.code ?? null,
      initiative: fromInitiative?.record.id ?? null,
      topics: eTopics,
      participants: [...members].map((m, k) => ({
        organisation: m.record.id,
        role: (k === 0 ? "ORGANISER" : "PARTICIPANT") as EventRole,
      })),
      source,
    });
  }

  // ---- experiences ----
  const experiences: ExperienceRecord[] = [];
  const experienceNames = new NameMaker();
  const orgById = new Map(orgs.map((o) => [o.record.id, o]));
  for (let i = 0; i < Math.max(1, Math.round(n / 2)); i++) {
    const kind = random.weighted(EXPERIENCE_WEIGHTS) as ExperienceKind;
    let sharedBy: string[];
    let xTopics: string[];
    let place: string | null;
    let from: string | null = null;
    let placeLabel: string;
    const r = random.next();
    if (r < 0.25 && initiativeMeta.length > 0) {
      const ini = random.pick(initiativeMeta);
      sharedBy = [...new Set([ini.members[0]!, random.pick(ini.members)].map((m) => m.record.id))];
      xTopics = ini.record.topics.slice(0, 2);
      place = ini.record.places[0] ?? null;
      placeLabel = ini.home.name;
      from = ini.record.id;
    } else if (r < 0.4 && events.length > 0) {
      const event = random.pick(events);
      sharedBy = [event.participants[0]!.organisation];
      xTopics = event.topics.slice(0, 2);
      place = event.place;
      placeLabel = (event.place && byCode.get(event.place)?.name) || "Nederland";
      from = event.id;
    } else {
      const org = random.pick(orgs);
      sharedBy = [org.record.id];
      xTopics = org.record.topics.slice(0, random.int(1, 2));
      place =
        org.record.scope === "LOCAL"
          ? org.home.code
          : org.record.scope === "REGIONAL"
            ? org.home.provinceCode
            : null;
      placeLabel =
        org.record.scope === "REGIONAL"
          ? (provinceName.get(org.home.provinceCode) ?? org.home.name)
          : org.record.scope === "LOCAL"
            ? org.home.name
            : "Nederland";
    }
    const sharer = orgById.get(sharedBy[0] ?? "");
    const mainTopic = topicName.get(xTopics[0] ?? "") ?? "samenwerking";
    experiences.push({
      id: `${prefix}exp-${pad(i + 1)}`,
      title: experienceNames.make(experienceTitle(kind, random.int(0, 9), mainTopic, placeLabel)),
      summary: experienceSummary(kind, mainTopic, placeLabel),
      date: random.chance(0.5) ? isoDay(random) : null,
      kind,
      sharedBy,
      topics: xTopics,
      conditions:
        sharer && sharer.record.conditions.length > 0 && random.chance(0.4)
          ? [sharer.record.conditions[0]!]
          : [],
      place,
      from,
      source,
    });
  }

  const entities: GraphEntities = {
    organisations: orgs.map((o) => o.record),
    initiatives,
    events,
    experiences,
  };
  return { ...entities, checksum: checksumOf(entities) };
}

/** A fingerprint of the generated rows: equal for equal input, seed and size. */
export function checksumOf(entities: GraphEntities): string {
  const hash = createHash("sha256");
  for (const key of ["organisations", "initiatives", "events", "experiences"] as const) {
    for (const row of entities[key]) hash.update(JSON.stringify(row));
  }
  return hash.digest("hex");
}

/** Locale-independent ordering, so that the output does not depend on the machine. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
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
