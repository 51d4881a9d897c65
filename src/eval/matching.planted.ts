import type { GraphEntities } from "../seed/graph.steps";
import type { SyntheticReference } from "../seed/synthetic";
import { Random } from "../seed/synthetic.random";
import type {
  EventRecord,
  ExperienceRecord,
  InitiativeRecord,
  OrganisationRecord,
  Scope,
} from "../seed/seed.schema";

/**
 * A synthetic graph with planted groups for the matching evaluation: each group shares a theme (two
 * topics) and a province and works together in one initiative; noise organisations, initiatives and
 * events around them make it hard. Half the groups are "similar" (one kind, one shared condition), half
 * "complementary" (different kinds from different worlds, different conditions): the two modes should
 * each do best on their own kind of group.
 */

export type GroupStyle = "similar" | "complementary";

export interface PlantedGroup {
  style: GroupStyle;
  initiative: string;
  members: string[];
}

export interface PlantedGraph {
  entities: GraphEntities;
  groups: PlantedGroup[];
}

export interface PlantedOptions {
  /** Must start with "syn-" (removal deletes by it). */
  prefix: string;
  groups: number;
  /** Noise organisations per group. */
  noisePerGroup: number;
  seed: number;
}

const SIMILAR_KINDS = ["patiëntenvereniging", "belangenvereniging", "adviesraad", "welzijnsorganisatie"];
const COMPLEMENTARY_KINDS = [
  "patiëntenvereniging",
  "adviesraad",
  "zorgcoöperatie",
  "kennisinstituut",
  "welzijnsorganisatie",
  "gemeente",
  "belangenvereniging",
];
const NOISE_KINDS = [...new Set([...SIMILAR_KINDS, ...COMPLEMENTARY_KINDS, "vrijwilligersorganisatie"])];

export function generatePlanted(reference: SyntheticReference, options: PlantedOptions): PlantedGraph {
  if (!options.prefix.startsWith("syn-")) throw new Error("the prefix must start with 'syn-'");
  const random = new Random(options.seed);
  const topics = reference.topics.filter((t) => t.broader !== null).map((t) => t.id);
  const conditions = reference.conditions.map((c) => c.id);
  const byProvince = new Map<string, string[]>();
  for (const m of reference.municipalities) {
    byProvince.set(m.provinceCode, [...(byProvince.get(m.provinceCode) ?? []), m.code]);
  }
  const provinces = [...byProvince.keys()].sort();
  if (topics.length < 3 || conditions.length < 8 || provinces.length === 0) {
    throw new Error("the reference data is too small: load the factual dataset first");
  }

  let orgCount = 0;
  const organisations: OrganisationRecord[] = [];
  const makeOrg = (kind: string, topicIds: string[], conditionIds: string[], province: string): string => {
    orgCount++;
    const id = `${options.prefix}org-${String(orgCount).padStart(5, "0")}`;
    const scope: Scope = random.weighted({ LOCAL: 70, REGIONAL: 20, NATIONAL: 10 });
    const home = random.pick(byProvince.get(province) ?? []);
    organisations.push({
      id,
      name: `Evaluatie ${kind} ${orgCount}`,
      kind,
      scope,
      status: "ACTIVE",
      description: null,
      website: null,
      basedIn: home,
      activeIn: scope === "LOCAL" ? [home] : scope === "REGIONAL" ? [province] : [],
      topics: [...new Set(topicIds)],
      conditions: [...new Set(conditionIds)],
      memberOf: [],
      successorOf: [],
      confidence: "synthetic",
      source: "matching evaluation (planted groups)",
    });
    return id;
  };

  const groups: PlantedGroup[] = [];
  const initiatives: InitiativeRecord[] = [];
  const events: EventRecord[] = [];
  const experiences: ExperienceRecord[] = [];
  const initiative = (id: string, members: string[], theme: string[]): InitiativeRecord => ({
    id,
    name: `Evaluatie-initiatief ${id.slice(options.prefix.length)}`,
    kind: "project",
    goal: null,
    startDate: null,
    endDate: null,
    status: "ACTIVE",
    topics: theme,
    conditions: [],
    places: [],
    participants: members.map((organisation, k) => ({
      organisation,
      role: k === 0 ? "COORDINATOR" : "PARTNER",
    })),
    source: "matching evaluation (planted groups)",
  });
  const event = (id: string, members: string[], theme: string[]): EventRecord => ({
    id,
    name: `Evaluatiebijeenkomst ${id.slice(options.prefix.length)}`,
    date: null,
    kind: "bijeenkomst",
    place: null,
    initiative: null,
    topics: theme,
    participants: members.map((organisation, k) => ({
      organisation,
      role: k === 0 ? "ORGANISER" : "PARTICIPANT",
    })),
    source: "matching evaluation (planted groups)",
  });

  for (let g = 0; g < options.groups; g++) {
    const style: GroupStyle = g % 2 === 0 ? "similar" : "complementary";
    const theme = random.shuffle(topics).slice(0, 2);
    const province = random.pick(provinces);
    const size = random.int(5, 7);
    const shared = random.pick(conditions);
    const kind = random.pick(SIMILAR_KINDS);
    const kinds = random.shuffle(COMPLEMENTARY_KINDS);
    const ownConditions = random.shuffle(conditions);
    const members: string[] = [];
    for (let k = 0; k < size; k++) {
      const own = theme.filter(() => random.chance(0.75));
      const memberTopics = [...(own.length > 0 ? own : [random.pick(theme)]), random.pick(topics)];
      const memberKind = style === "similar" ? kind : (kinds[k % kinds.length] as string);
      const memberConditions =
        style === "similar"
          ? [shared]
          : random.chance(0.8)
            ? [ownConditions[k % ownConditions.length] as string]
            : [];
      members.push(makeOrg(memberKind, memberTopics, memberConditions, province));
    }
    const initiativeId = `${options.prefix}ini-group-${g + 1}`;
    initiatives.push(initiative(initiativeId, members, theme));
    groups.push({ style, initiative: initiativeId, members });
    if (random.chance(0.6)) {
      events.push(event(`${options.prefix}evt-group-${g + 1}`, random.shuffle(members).slice(0, 3), theme));
    }
    if (random.chance(0.5)) {
      experiences.push({
        id: `${options.prefix}exp-group-${g + 1}`,
        title: `Evaluatie-ervaring ${g + 1}`,
        summary: "Een ervaring van een geplante groep.",
        date: null,
        kind: "LESSON",
        sharedBy: random.shuffle(members).slice(0, 2),
        topics: [theme[0] as string],
        conditions: [],
        place: null,
        from: null,
        source: "matching evaluation (planted groups)",
      });
    }
  }

  // Noise: organisations on random topics, and initiatives/events that sometimes pull in a group member.
  const noise: string[] = [];
  for (let i = 0; i < options.groups * options.noisePerGroup; i++) {
    const noiseTopics = random.shuffle(topics).slice(0, random.int(1, 3));
    const noiseConditions = random.chance(0.5) ? random.shuffle(conditions).slice(0, random.int(1, 2)) : [];
    noise.push(makeOrg(random.pick(NOISE_KINDS), noiseTopics, noiseConditions, random.pick(provinces)));
  }
  const members = groups.flatMap((g) => g.members);
  const withStray = (list: string[]): string[] =>
    random.chance(0.3) && members.length > 0 ? [...list, random.pick(members)] : list;
  for (let i = 0; i < Math.round(noise.length / 10); i++) {
    const list = withStray(random.shuffle(noise).slice(0, random.int(3, 5)));
    initiatives.push(initiative(`${options.prefix}ini-noise-${i + 1}`, list, [random.pick(topics)]));
  }
  for (let i = 0; i < Math.round(noise.length / 10); i++) {
    const list = withStray(random.shuffle(noise).slice(0, random.int(3, 6)));
    events.push(event(`${options.prefix}evt-noise-${i + 1}`, list, [random.pick(topics)]));
  }
  return { entities: { organisations, initiatives, events, experiences }, groups };
}
