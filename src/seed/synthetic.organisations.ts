import type { Scope } from "./seed.schema";
import { ZipfSampler } from "./synthetic.random";
import { KIND_WEIGHTS, NameMaker, organisationBase, organisationDescription } from "./synthetic.text";
import type { OrgMeta, Place, World } from "./synthetic.world";

/**
 * Synthetic organisations: mostly local, some regional, few national; based where people live; a
 * main theme each; and a few koepels (the first ones) that many others are members of.
 */

export const idNumber = (i: number): string => String(i).padStart(6, "0");

/** How many koepels a graph of `n` organisations gets: a few, growing slowly with size. */
export const koepelCount = (n: number): number =>
  Math.min(n, Math.max(3, Math.min(12, Math.round(n / 2000))));

export function generateOrganisations(world: World, n: number): OrgMeta[] {
  const { random } = world;
  const names = new NameMaker();
  const koepels = koepelCount(n);
  const orgs: OrgMeta[] = [];
  for (let i = 0; i < n; i++) {
    const isKoepel = i < koepels;
    const scope: Scope = isKoepel ? "NATIONAL" : random.weighted({ LOCAL: 75, REGIONAL: 20, NATIONAL: 5 });
    const home = scope === "NATIONAL" ? world.bigCities.draw(random) : world.places.draw(random);
    const kind = isKoepel ? "koepel" : random.weighted(KIND_WEIGHTS[scope]);
    const root = world.roots.draw(random);
    // Most organisations work on one or two topics, a few on many (exponential tail, at most 5).
    const topicCount = 1 + Math.min(4, Math.floor(-Math.log(1 - random.next()) * 1.2));
    const topics = new Set(world.topicsOfRoot.get(root)?.drawDistinct(random, topicCount) ?? []);
    if (random.chance(0.3)) topics.add(world.allTopics.draw(random));
    const conditionCount =
      kind === "patiëntenvereniging" ? random.int(1, 2) : random.chance(0.4) ? random.int(1, 2) : 0;
    const conditions = world.conditions?.drawDistinct(random, conditionCount) ?? [];
    const province = world.provinceName.get(home.provinceCode) ?? home.provinceCode;
    const activeIn = placesOf(world, scope, home);
    const subject = subjectOf(world, scope, kind, home, province, [...topics], conditions);
    const name = names.make(organisationBase(kind, random.int(0, 9), subject));
    const topicNames = [...topics].map((t) => world.topicName.get(t) ?? t);
    orgs.push({
      home,
      root,
      record: {
        id: `${world.prefix}org-${idNumber(i + 1)}`,
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
        topics: [...topics],
        conditions,
        memberOf: [],
        successorOf: [],
        confidence: "synthetic",
        source: world.source,
      },
    });
  }
  // Koepels gather many members, and some koepels far more than others.
  const koepelIds = new ZipfSampler(
    orgs.slice(0, koepels).map((o) => o.record.id),
    1,
  );
  for (const org of orgs.slice(koepels)) {
    if (random.chance(0.35))
      org.record.memberOf = koepelIds.drawDistinct(random, random.chance(0.15) ? 2 : 1);
  }
  return orgs;
}

/** Local: the home town, sometimes with neighbours; regional: the province or a ring of towns. */
function placesOf(world: World, scope: Scope, home: Place): string[] {
  const { random } = world;
  const near = world.neighbours.get(home.code) ?? [];
  if (scope === "LOCAL")
    return random.chance(0.3) ? [home.code, ...near.slice(0, random.int(1, 2))] : [home.code];
  if (scope === "REGIONAL") {
    return random.chance(0.5) ? [home.provinceCode] : [home.code, ...near.slice(0, random.int(2, 6))];
  }
  return [];
}

/** What the name is about: the town, the region, or (national) the condition or theme. */
function subjectOf(
  world: World,
  scope: Scope,
  kind: string,
  home: Place,
  province: string,
  topics: string[],
  conditions: string[],
): string {
  if (scope === "LOCAL") return home.name;
  if (scope === "REGIONAL") return world.random.chance(0.5) ? province : `Regio ${home.name}`;
  if (kind === "patiëntenvereniging" && conditions[0])
    return world.conditionName.get(conditions[0]) ?? "Nederland";
  return world.topicName.get(topics[0] ?? "") ?? "Nederland";
}
