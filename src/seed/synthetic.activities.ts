import type {
  EventRecord,
  EventRole,
  ExperienceRecord,
  InitiativeRecord,
  InitiativeRole,
} from "./seed.schema";
import { idNumber } from "./synthetic.organisations";
import {
  EVENT_KINDS,
  EXPERIENCE_WEIGHTS,
  INITIATIVE_KINDS,
  NameMaker,
  eventName,
  experienceSummary,
  experienceTitle,
  initiativeGoal,
  initiativeName,
} from "./synthetic.text";
import { addDays, compare, groupBy, isoDay, type OrgMeta, type Place, type World } from "./synthetic.world";

/**
 * Synthetic collaboration: initiatives whose partners come mostly from one region and theme, events
 * (most of them part of an initiative) and shared experiences drawn from both.
 */

const TODAY = "2025-11-01";

export interface GeneratedInitiative {
  record: InitiativeRecord;
  members: OrgMeta[];
  home: Place;
}

export function generateInitiatives(world: World, orgs: OrgMeta[], count: number): GeneratedInitiative[] {
  const { random } = world;
  // Partners: same province and theme first, then the province, then a national organisation.
  const clusters = groupBy(orgs, (o) => `${o.home.provinceCode}|${o.root}`);
  const regions = groupBy(orgs, (o) => o.home.provinceCode);
  const national = orgs.filter((o) => o.record.scope === "NATIONAL");
  const names = new NameMaker();
  const out: GeneratedInitiative[] = [];
  for (let i = 0; i < count; i++) {
    const anchor = random.pick(orgs);
    // 3 to 15 participants, small groups far more common than large ones.
    const size = Math.min(15, 3 + Math.floor(Math.pow(random.next(), 2) * 13), orgs.length);
    const cluster = clusters.get(`${anchor.home.provinceCode}|${anchor.root}`) ?? [anchor];
    const region = regions.get(anchor.home.provinceCode) ?? [anchor];
    const members = new Set<OrgMeta>([anchor]);
    for (let attempts = 0; members.size < size && attempts < size * 10; attempts++) {
      const r = random.next();
      members.add(random.pick(r < 0.7 ? cluster : r < 0.9 ? region : national.length > 0 ? national : orgs));
    }
    const list = [...members];
    const participants = list.map((m, k) => ({ organisation: m.record.id, role: roleOf(world, k) }));
    const kind = random.weighted(INITIATIVE_KINDS);
    const topics = world.topicsOfRoot.get(anchor.root)?.drawDistinct(random, random.int(1, 3)) ?? [];
    const mainTopic = world.topicName.get(topics[0] ?? "") ?? "samenwerking";
    const regional = anchor.record.scope !== "LOCAL" && random.chance(0.5);
    const local = list.filter(
      (m) => m.record.scope !== "NATIONAL" && m.home.provinceCode === anchor.home.provinceCode,
    );
    const places = regional
      ? [anchor.home.provinceCode]
      : [...new Set(local.map((m) => m.home.code))].slice(0, 5);
    const placeLabel = regional
      ? (world.provinceName.get(anchor.home.provinceCode) ?? "de regio")
      : anchor.home.name;
    const startDate = isoDay(random);
    const endDate = random.chance(0.4)
      ? isoDay(random, addDays(startDate, 180), addDays(startDate, 3 * 365))
      : null;
    const conditionPool = [...new Set(list.flatMap((m) => m.record.conditions))].sort(compare);
    const record: InitiativeRecord = {
      id: `${world.prefix}ini-${idNumber(i + 1)}`,
      name: names.make(initiativeName(kind, mainTopic, placeLabel)),
      kind,
      goal: initiativeGoal(mainTopic, placeLabel),
      startDate,
      endDate,
      status: endDate !== null && endDate < TODAY ? "COMPLETED" : "ACTIVE",
      topics,
      conditions: conditionPool.length > 0 && random.chance(0.5) ? [random.pick(conditionPool)] : [],
      places,
      participants,
      source: world.source,
    };
    out.push({ record, members: list, home: anchor.home });
  }
  return out;
}

/** The first is the coordinator; a few organisers; mostly partners, some supporters. */
function roleOf(world: World, index: number): InitiativeRole {
  if (index === 0) return "COORDINATOR";
  if (index <= 2 && world.random.chance(0.3)) return "ORGANISER";
  return world.random.chance(0.2) ? "SUPPORTER" : "PARTNER";
}

export function generateEvents(
  world: World,
  orgs: OrgMeta[],
  initiatives: GeneratedInitiative[],
  count: number,
): EventRecord[] {
  const { random } = world;
  const regions = groupBy(orgs, (o) => o.home.provinceCode);
  const names = new NameMaker();
  const out: EventRecord[] = [];
  for (let i = 0; i < count; i++) {
    const initiative = initiatives.length > 0 && random.chance(0.6) ? random.pick(initiatives) : undefined;
    const organiser = initiative?.members[0] ?? random.pick(orgs);
    const pool = initiative?.members ?? regions.get(organiser.home.provinceCode) ?? [organiser];
    const members = new Set<OrgMeta>([organiser]);
    const size = random.int(2, 8);
    for (let attempts = 0; members.size < size && attempts < size * 10; attempts++)
      members.add(random.pick(pool));
    const kind = random.weighted(EVENT_KINDS);
    const place = kind === "webinar" ? null : (initiative?.home ?? organiser.home);
    const topics = initiative
      ? initiative.record.topics.slice(0, random.int(1, Math.max(1, initiative.record.topics.length)))
      : organiser.record.topics.slice(0, 2);
    const mainTopic = world.topicName.get(topics[0] ?? "") ?? "samenwerking";
    out.push({
      id: `${world.prefix}evt-${idNumber(i + 1)}`,
      name: names.make(eventName(kind, mainTopic, place?.name ?? null)),
      date: random.chance(0.85) ? isoDay(random, Date.UTC(2016, 0, 1)) : null,
      kind,
      place: place?.code ?? null,
      initiative: initiative?.record.id ?? null,
      topics,
      participants: [...members].map((m, k) => ({
        organisation: m.record.id,
        role: (k === 0 ? "ORGANISER" : "PARTICIPANT") as EventRole,
      })),
      source: world.source,
    });
  }
  return out;
}

interface ExperienceOrigin {
  sharedBy: string[];
  topics: string[];
  place: string | null;
  placeLabel: string;
  from: string | null;
}

export function generateExperiences(
  world: World,
  orgs: OrgMeta[],
  initiatives: GeneratedInitiative[],
  events: EventRecord[],
  count: number,
): ExperienceRecord[] {
  const { random } = world;
  const byId = new Map(orgs.map((o) => [o.record.id, o]));
  const names = new NameMaker();
  const out: ExperienceRecord[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random.weighted(EXPERIENCE_WEIGHTS);
    const origin = originOf(world, orgs, initiatives, events);
    const sharer = byId.get(origin.sharedBy[0] ?? "");
    const mainTopic = world.topicName.get(origin.topics[0] ?? "") ?? "samenwerking";
    out.push({
      id: `${world.prefix}exp-${idNumber(i + 1)}`,
      title: names.make(experienceTitle(kind, random.int(0, 9), mainTopic, origin.placeLabel)),
      summary: experienceSummary(kind, mainTopic, origin.placeLabel),
      date: random.chance(0.5) ? isoDay(random) : null,
      kind,
      sharedBy: origin.sharedBy,
      topics: origin.topics,
      conditions: sharer?.record.conditions[0] && random.chance(0.4) ? [sharer.record.conditions[0]] : [],
      place: origin.place,
      from: origin.from,
      source: world.source,
    });
  }
  return out;
}

/** A quarter from initiatives, some from events, the rest from one organisation's own work. */
function originOf(
  world: World,
  orgs: OrgMeta[],
  initiatives: GeneratedInitiative[],
  events: EventRecord[],
): ExperienceOrigin {
  const { random } = world;
  const r = random.next();
  if (r < 0.25 && initiatives.length > 0) {
    const ini = random.pick(initiatives);
    const coordinator = ini.members[0] as OrgMeta;
    return {
      sharedBy: [...new Set([coordinator.record.id, random.pick(ini.members).record.id])],
      topics: ini.record.topics.slice(0, 2),
      place: ini.record.places[0] ?? null,
      placeLabel: ini.home.name,
      from: ini.record.id,
    };
  }
  if (r < 0.4 && events.length > 0) {
    const event = random.pick(events);
    return {
      sharedBy: [event.participants[0]?.organisation ?? ""],
      topics: event.topics.slice(0, 2),
      place: event.place,
      placeLabel: (event.place && world.municipalityByCode.get(event.place)?.name) || "Nederland",
      from: event.id,
    };
  }
  const org = random.pick(orgs);
  const scope = org.record.scope;
  return {
    sharedBy: [org.record.id],
    topics: org.record.topics.slice(0, random.int(1, 2)),
    place: scope === "LOCAL" ? org.home.code : scope === "REGIONAL" ? org.home.provinceCode : null,
    placeLabel:
      scope === "LOCAL"
        ? org.home.name
        : scope === "REGIONAL"
          ? (world.provinceName.get(org.home.provinceCode) ?? org.home.name)
          : "Nederland",
    from: null,
  };
}
