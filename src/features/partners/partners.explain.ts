import { NODE_TYPES, type NodeType, toGlobalId } from "../../graph/common/global-id";
import type { Props } from "../../graph/common/node.repository";
import { Organisation } from "../../graph/organisation/organisation.type";
import { type Municipality, type Province, placeFrom } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";
import type { NodeRef, ProximityItemRow, SuggestionRow, TopicMatchRow } from "./partners.repository";
import { MatchMode, type MatchWeights } from "./partners.scoring";
import {
  PartnerComponentName,
  type PartnerPath,
  PartnerPathKind,
  type PartnerScoreComponent,
  type PartnerSharedTopic,
  PartnerSuggestion,
} from "./partners.type";

/** Turns scored rows into suggestions a coordinator can read: Dutch texts and concrete graph paths. */

const MAX_PATHS = 10;
/** A shared partner with more than 9 partners of its own (2/(1 + d) below 0.2) is not named as a reason. */
const HUB_SHARE = 0.2;
const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

type End = NodeRef;

function ref(p: Props, label: string): End {
  return {
    key: String(p.id ?? p.code ?? ""),
    name: String(p.name ?? p.title ?? p.id ?? p.code ?? ""),
    label,
  };
}

interface Step {
  type: string;
  forward: boolean;
}
const out = (type: string): Step => ({ type, forward: true });
const back = (type: string): Step => ({ type, forward: false });

function path(kind: PartnerPathKind, nodes: End[], steps: Step[], explanation: string): PartnerPath {
  const notation = nodes
    .map((n, i) => {
      const node = `(${n.name})`;
      const step = steps[i];
      if (!step) return node;
      return step.forward ? `${node}-[:${step.type}]->` : `${node}<-[:${step.type}]-`;
    })
    .join("");
  return {
    kind,
    nodes: nodes.map((n) => ({
      type: n.label,
      nodeId: isNodeType(n.label) ? toGlobalId(n.label, n.key) : null,
      key: n.key,
      name: n.name,
    })),
    relationships: steps.map((s) => ({ type: s.type, forward: s.forward })),
    explanation,
    notation,
  };
}

function isNodeType(label: string): label is NodeType {
  return (NODE_TYPES as readonly string[]).includes(label);
}

function names(list: { name?: unknown }[], max = 3): string {
  const all = list.map((x) => String(x.name ?? ""));
  const shown = all.slice(0, max).join(", ");
  return all.length > max ? `${shown} en ${all.length - max} meer` : shown;
}

// ---- topics ----

/** A topic is "zeldzaam" when at most 5 organisations, or at most 3% of all, work on it. */
export const RARE_SHARE = 0.03;

/** "zeldzaam onderwerp: 4 organisaties" for a niche topic, the plain count otherwise. */
export function topicRarityText(organisationCount: number, total: number): string {
  const count = `${organisationCount} ${organisationCount === 1 ? "organisatie" : "organisaties"}`;
  return organisationCount <= Math.max(5, total * RARE_SHARE) ? `zeldzaam onderwerp: ${count}` : count;
}

/** Said of a component that earned nothing: no reason is invented from absence. */
export const NO_POINTS = "Telt niet mee";

function topicText(m: TopicMatchRow, total: number): string {
  const name = String(m.topic.name);
  const rarityText = topicRarityText(m.organisationCount, total);
  if (!m.askerOwn) {
    return m.relation === "SAME" || !m.via
      ? `${name} (past bij de vraag; ${rarityText})`
      : `${name}, dicht bij ${String(m.via.name)} (past bij de vraag; ${rarityText})`;
  }
  if (m.relation === "SAME" || !m.via) return `${name} (${rarityText})`;
  const via = String(m.via.name);
  return m.relation === "NARROWER"
    ? `${name}, een deel van jullie onderwerp ${via} (${rarityText})`
    : `${name}, waar jullie onderwerp ${via} onder valt (${rarityText})`;
}

function topicsExplanation(row: SuggestionRow, total: number): string {
  if (row.topics.length === 0) return NO_POINTS;
  const texts = row.topics.slice(0, 3).map((m) => topicText(m, total));
  const more = row.topics.length > 3 ? ` en nog ${row.topics.length - 3}` : "";
  const own = row.topics.some((m) => m.askerOwn);
  return `${own ? "Werkt ook aan" : "Werkt aan"} ${texts.join(", ")}${more}`;
}

function topicPaths(row: SuggestionRow, asker: End, candidate: End): PartnerPath[] {
  return row.topics.slice(0, 3).map((m) => {
    const topic = ref(m.topic, "Topic");
    const related = m.relation !== "SAME" && m.via ? ref(m.via, "Topic") : null;
    const narrower = m.relation === "NARROWER";
    // The asker's own WORKS_ON only when it really works on the asked topic; otherwise the path starts
    // at the topic of the question.
    const nodes: End[] = m.askerOwn ? [asker] : [];
    const steps: Step[] = m.askerOwn ? [out("WORKS_ON")] : [];
    if (related) {
      nodes.push(related, topic, candidate);
      steps.push(narrower ? back("SUBTOPIC_OF") : out("SUBTOPIC_OF"), back("WORKS_ON"));
    } else {
      nodes.push(topic, candidate);
      steps.push(back("WORKS_ON"));
    }
    const explanation = !m.askerOwn
      ? `${candidate.name} werkt aan ${topic.name}, dat past bij de vraag`
      : !related
        ? `Beide werken aan ${topic.name}`
        : narrower
          ? `${candidate.name} werkt aan ${topic.name}, een deel van ${related.name}`
          : `${candidate.name} werkt aan ${topic.name}, waar ${related.name} onder valt`;
    return path(PartnerPathKind.TOPIC, nodes, steps, explanation);
  });
}

// ---- geography ----

function geographyExplanation(row: SuggestionRow, asker: Props): string {
  const g = row.geo;
  const placeNames = g.places.map((p) => ({ name: p.place.name }));
  const candidate = String(row.organisation.name);
  switch (g.level) {
    case "MUNICIPALITY":
    case "PROVINCE":
      return `Beide actief in ${names(placeNames)}`;
    case "NATIONAL":
      if (row.organisation.scope === "NATIONAL" && asker.scope === "NATIONAL")
        return "Beide werken landelijk";
      return row.organisation.scope === "NATIONAL"
        ? `${candidate} werkt landelijk, dus ook in jullie gebied`
        : `Jullie werken landelijk, dus ook in het gebied van ${candidate}`;
    case "DISTANCE":
      return `Op ${Math.round(g.distanceKm ?? 0)} km van jullie (${g.askerHome?.name ?? "?"} – ${g.candidateHome?.name ?? "?"})`;
    case "IN_PLACE":
      return `Actief in ${names(placeNames)}`;
    case "PLACE_PROVINCE":
      return `Actief in de provincie ${names(placeNames)}`;
    case "PLACE_NATIONAL":
      return `${candidate} werkt landelijk, dus ook daar`;
    default:
      return NO_POINTS;
  }
}

function geographyPaths(row: SuggestionRow, asker: End, candidate: End): PartnerPath[] {
  return row.geo.places.slice(0, 2).map((p) => {
    const place = ref(p.place, p.labels.includes("Province") ? "Province" : "Municipality");
    const nodes: End[] = [];
    const steps: Step[] = [];
    if (p.askerRel) {
      nodes.push(asker);
      if (p.askerVia) {
        nodes.push(ref(p.askerVia, "Municipality"));
        steps.push(out(p.askerRel), out("IN_PROVINCE"));
      } else steps.push(out(p.askerRel));
    }
    nodes.push(place);
    if (p.candidateVia) {
      nodes.push(ref(p.candidateVia, "Municipality"));
      steps.push(back("IN_PROVINCE"));
    }
    nodes.push(candidate);
    steps.push(back(p.candidateRel ?? "ACTIVE_IN"));
    return path(
      PartnerPathKind.PLACE,
      nodes,
      steps,
      p.askerRel ? `Beide actief in ${place.name}` : `${candidate.name} is actief in ${place.name}`,
    );
  });
}

// ---- conditions and kinds ----

/** How a coordinator names a condition: by its group (beperking, aandoening or doelgroep). */
export function conditionWord(group: unknown): "beperking" | "aandoening" | "doelgroep" {
  const g = String(group ?? "");
  if (g === "doelgroep") return "doelgroep";
  if (["zintuiglijk", "verstandelijk", "lichamelijk", "ontwikkeling"].includes(g)) return "beperking";
  return "aandoening";
}

/** "de doelgroep mantelzorgers en de aandoening dementie". */
function labelled(list: Props[], max = 2): string {
  const shown = list.slice(0, max).map((d) => `de ${conditionWord(d.group)} ${String(d.name).toLowerCase()}`);
  const more = list.length > max ? ` en ${list.length - max} meer` : "";
  return `${shown.join(" en ")}${more}`;
}

function sameConditions(shared: Props[]): string {
  const words = [...new Set(shared.map((d) => conditionWord(d.group)))];
  return `Zelfde ${words.length === 1 ? words[0] : "groep"}: ${names(shared)}`;
}

const SCOPE_WORDS: Record<string, string> = { NATIONAL: "landelijk", REGIONAL: "regionaal", LOCAL: "lokaal" };

function conditionsExplanation(row: SuggestionRow, mode: MatchMode, asker: Props): string {
  if (row.values.conditions <= 0) return NO_POINTS;
  const { shared } = row.conditions;
  const kinds = row.kinds;
  const parts: string[] = [];
  if (mode === MatchMode.SIMILAR) {
    if (shared.length > 0) parts.push(sameConditions(shared));
    if (kinds.relation === "SAME_KIND") parts.push(`ook een ${kinds.candidate}`);
    else if (kinds.relation === "SAME_WORLD")
      parts.push(`een vergelijkbaar soort organisatie (${kinds.candidate})`);
    const scope = SCOPE_WORDS[String(row.organisation.scope)];
    if (scope && row.organisation.scope === asker.scope) parts.push(`werkt ook ${scope}`);
  } else {
    const sharedKeys = new Set(shared.map((d) => String(d.id)));
    const theirs = row.conditions.candidate.filter((d) => !sharedKeys.has(String(d.id)));
    const ours = row.conditions.asker.filter((d) => !sharedKeys.has(String(d.id)));
    if (theirs.length > 0 && ours.length > 0) {
      parts.push(`Werkt voor een andere groep: ${labelled(theirs)}, naast jullie ${labelled(ours)}`);
    }
    if (kinds.relation !== "SAME_KIND") {
      parts.push(`een ander soort organisatie: een ${kinds.candidate}, jullie zijn een ${kinds.asker}`);
    }
  }
  if (parts.length === 0) return NO_POINTS;
  const text = parts.join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function conditionPaths(row: SuggestionRow, mode: MatchMode, asker: End, candidate: End): PartnerPath[] {
  const { shared } = row.conditions;
  if (mode === MatchMode.SIMILAR) {
    return shared.slice(0, 2).map((d) => {
      const condition = ref(d, "Condition");
      return path(
        PartnerPathKind.CONDITION,
        [asker, condition, candidate],
        [out("REPRESENTS"), back("REPRESENTS")],
        `Beide vertegenwoordigen ${condition.name}`,
      );
    });
  }
  // The complementary path: different conditions joined through a topic both really work on.
  const topic = row.topics.find((m) => m.askerOwn && m.relation === "SAME");
  if (!topic) return [];
  const sharedKeys = new Set(shared.map((d) => String(d.id)));
  const ours = row.conditions.asker.find((d) => !sharedKeys.has(String(d.id)));
  const theirs = row.conditions.candidate.find((d) => !sharedKeys.has(String(d.id)));
  // Points come only from conditions named on both sides.
  if (!ours || !theirs) return [];
  const t = ref(topic.topic, "Topic");
  const nodes: End[] = [];
  const steps: Step[] = [];
  if (ours) {
    nodes.push(ref(ours, "Condition"));
    steps.push(back("REPRESENTS"));
  }
  nodes.push(asker, t, candidate);
  steps.push(out("WORKS_ON"), back("WORKS_ON"));
  if (theirs) {
    nodes.push(ref(theirs, "Condition"));
    steps.push(out("REPRESENTS"));
  }
  const words = [
    ours ? `${asker.name} (${ours.name as string})` : asker.name,
    theirs ? `${candidate.name} (${theirs.name as string})` : candidate.name,
  ];
  return [
    path(PartnerPathKind.CONDITION, nodes, steps, `${words[0]} en ${words[1]} werken beide aan ${t.name}`),
  ];
}

// ---- proximity (the two-step walk) ----

/** How each kind of shared thing is reached from an organisation, and how a coordinator names it. */
const NEAR_KINDS: Record<
  string,
  { rel: string; kind: PartnerPathKind; word: (i: ProximityItemRow) => string }
> = {
  Topic: { rel: "WORKS_ON", kind: PartnerPathKind.TOPIC, word: (i) => `het onderwerp ${i.node.name}` },
  Condition: {
    rel: "REPRESENTS",
    kind: PartnerPathKind.CONDITION,
    word: (i) => `de ${conditionWord(i.group)} ${i.node.name.toLowerCase()}`,
  },
  Organisation: {
    rel: "MEMBER_OF",
    kind: PartnerPathKind.MEMBERSHIP,
    word: (i) => `het lidmaatschap van ${i.node.name}`,
  },
  Event: { rel: "TAKES_PART_IN", kind: PartnerPathKind.EVENT, word: (i) => `de bijeenkomst ${i.node.name}` },
  Experience: { rel: "SHARED", kind: PartnerPathKind.EXPERIENCE, word: (i) => `de ervaring ${i.node.name}` },
  Initiative: {
    rel: "PARTICIPATES_IN",
    kind: PartnerPathKind.EXISTING,
    word: (i) => `het initiatief ${i.node.name}`,
  },
};

/** The rarest first: what few others have says most (and earned most). */
function nearItems(row: SuggestionRow): ProximityItemRow[] {
  return row.proximity
    .filter((i) => NEAR_KINDS[i.node.label])
    .sort((x, y) => y.weight - x.weight || x.node.name.localeCompare(y.node.name));
}

function proximityExplanation(row: SuggestionRow): string {
  const items = nearItems(row);
  if (items.length === 0 || row.values.proximity <= 0) return NO_POINTS;
  const words = items.slice(0, 3).map((i) => NEAR_KINDS[i.node.label]?.word(i) ?? i.node.name);
  const more = items.length > 3 ? ` en ${items.length - 3} meer` : "";
  return `Net als jullie: ${words.join(", ")}${more} (hoe minder anderen dat hebben, hoe meer het telt)`;
}

function proximityPaths(row: SuggestionRow, asker: End, candidate: End): PartnerPath[] {
  return nearItems(row)
    .slice(0, 3)
    .map((i) => {
      const k = NEAR_KINDS[i.node.label] as (typeof NEAR_KINDS)[string];
      return path(k.kind, [asker, i.node, candidate], [out(k.rel), back(k.rel)], `Beide: ${k.word(i)}`);
    });
}

// ---- network ----

function networkExplanation(row: SuggestionRow): string {
  const n = row.network;
  const parts: string[] = [];
  if (n.existing.length > 0) parts.push(`Al partners in ${names(n.existing)}`);
  // A partner that half the graph shares says little: named only when it is not a hub (it still counts).
  for (const p of n.partners.filter((x) => x.weight >= HUB_SHARE).slice(0, 2)) {
    parts.push(`Werkt ook samen met jullie partner ${p.partner.name} (jullie: ${p.askerInitiative.name})`);
  }
  if (n.experiences.length > 0) parts.push(`Deelden samen de ervaring ${names(n.experiences, 2)}`);
  if (n.events.length > 0) parts.push(`Samen op ${names(n.events, 2)}`);
  if (n.memberOfAsker) parts.push("Is lid van jullie");
  if (n.askerMemberOf) parts.push("Jullie zijn lid van hen");
  if (n.koepels.length > 0) parts.push(`Beide lid van ${names(n.koepels)}`);
  if (n.experienceTopics.length > 0) {
    parts.push(`Beide deelden ervaringen over ${names(n.experienceTopics.map((t) => t.topic))}`);
  }
  return parts.length > 0 && row.values.network > 0 ? parts.join("; ") : NO_POINTS;
}

function networkPaths(row: SuggestionRow, asker: End, candidate: End): PartnerPath[] {
  const n = row.network;
  const ON = out("PARTICIPATES_IN");
  const IN = back("PARTICIPATES_IN");
  return [
    ...n.existing.map((i) =>
      path(PartnerPathKind.EXISTING, [asker, i, candidate], [ON, IN], `Al samen in ${i.name}`),
    ),
    ...n.partners.map((p) =>
      path(
        PartnerPathKind.PARTNER,
        [asker, p.askerInitiative, p.partner, p.candidateInitiative, candidate],
        [ON, IN, ON, IN],
        `Gedeelde partner: ${p.partner.name} via ${p.askerInitiative.name} (met ${candidate.name} in ${p.candidateInitiative.name})`,
      ),
    ),
    ...n.experiences.map((x) =>
      path(
        PartnerPathKind.EXPERIENCE,
        [asker, x, candidate],
        [out("SHARED"), back("SHARED")],
        `Deelden samen de ervaring "${x.name}"`,
      ),
    ),
    ...n.events.map((e) =>
      path(
        PartnerPathKind.EVENT,
        [asker, e, candidate],
        [out("TAKES_PART_IN"), back("TAKES_PART_IN")],
        `Beide namen deel aan ${e.name}`,
      ),
    ),
    ...(n.memberOfAsker
      ? [
          path(
            PartnerPathKind.MEMBERSHIP,
            [candidate, asker],
            [out("MEMBER_OF")],
            `${candidate.name} is lid van ${asker.name}`,
          ),
        ]
      : []),
    ...(n.askerMemberOf
      ? [
          path(
            PartnerPathKind.MEMBERSHIP,
            [asker, candidate],
            [out("MEMBER_OF")],
            `${asker.name} is lid van ${candidate.name}`,
          ),
        ]
      : []),
    ...n.koepels.map((k) =>
      path(
        PartnerPathKind.MEMBERSHIP,
        [asker, k, candidate],
        [out("MEMBER_OF"), back("MEMBER_OF")],
        `Beide lid van ${k.name}`,
      ),
    ),
    ...n.experienceTopics.map((t) =>
      path(
        PartnerPathKind.EXPERIENCE,
        [asker, t.askerExperience, t.topic, t.candidateExperience, candidate],
        [out("SHARED"), out("ABOUT"), back("ABOUT"), back("SHARED")],
        `Beide deelden een ervaring over ${t.topic.name}`,
      ),
    ),
  ];
}

// ---- the suggestion ----

export interface ExplainContext {
  asker: Props;
  mode: MatchMode;
  weights: MatchWeights;
  /** Organisations in the graph (for "zeldzaam"). */
  total: number;
}

export function toSuggestion(
  row: SuggestionRow,
  place: { rank: number; tiedWith: number },
  ctx: ExplainContext,
): PartnerSuggestion {
  const asker = ref(ctx.asker, "Organisation");
  const candidate = ref(row.organisation, "Organisation");
  const w = ctx.weights;
  const component = (
    name: PartnerComponentName,
    weight: number,
    value: number,
    explanation: string,
    paths: PartnerPath[],
  ): { c: PartnerScoreComponent; paths: PartnerPath[] } => ({
    // A component whose weight is 0 (a caller's, or a mode's default) earns nothing, so it gives no reason.
    c: {
      name,
      weight,
      value: round(value),
      contribution: round(weight * value),
      explanation: weight > 0 ? explanation : NO_POINTS,
    },
    paths,
  });
  const parts = [
    component(
      PartnerComponentName.TOPICS,
      w.topics,
      row.values.topics,
      topicsExplanation(row, ctx.total),
      topicPaths(row, asker, candidate),
    ),
    component(
      PartnerComponentName.NETWORK,
      w.network,
      row.values.network,
      networkExplanation(row),
      networkPaths(row, asker, candidate),
    ),
    component(
      PartnerComponentName.PROXIMITY,
      w.proximity,
      row.values.proximity,
      proximityExplanation(row),
      proximityPaths(row, asker, candidate),
    ),
    component(
      PartnerComponentName.CONDITIONS,
      w.conditions,
      row.values.conditions,
      conditionsExplanation(row, ctx.mode, ctx.asker),
      conditionPaths(row, ctx.mode, asker, candidate),
    ),
    component(
      PartnerComponentName.GEOGRAPHY,
      w.geography,
      row.values.geography,
      geographyExplanation(row, ctx.asker),
      geographyPaths(row, asker, candidate),
    ),
  ].sort((x, y) => y.c.contribution - x.c.contribution);

  const suggestion = new PartnerSuggestion();
  suggestion.organisation = Organisation.from(row.organisation);
  suggestion.rank = place.rank;
  suggestion.tiedWith = place.tiedWith;
  suggestion.score = round(row.score);
  suggestion.components = parts.map((p) => p.c);
  const reasons = parts
    .filter((p) => p.c.contribution > 0)
    .slice(0, 3)
    .map((p) => p.c.explanation);
  if (place.tiedWith > 0) {
    reasons.push(
      `Even sterk als ${place.tiedWith === 1 ? "1 andere suggestie" : `${place.tiedWith} andere suggesties`}: samen op plaats ${place.rank}`,
    );
  }
  suggestion.explanation = reasons.join(" · ");
  suggestion.sharedTopics = row.topics.map((m): PartnerSharedTopic => ({
    topic: Topic.from(m.topic),
    organisationCount: m.organisationCount,
    weight: round(m.weight),
    relatedTo: m.via ? Topic.from(m.via) : null,
  }));
  suggestion.sharedPlaces = row.geo.places.map((p): Municipality | Province => placeFrom(p.place, p.labels));
  // The same path can rest under two components (a shared topic, a shared condition): shown once.
  const seen = new Set<string>();
  suggestion.paths = parts
    .flatMap((p) => (p.c.contribution > 0 ? p.paths : []))
    .filter((p) => {
      const key = JSON.stringify([p.nodes.map((n) => [n.type, n.key]), p.relationships]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_PATHS);
  suggestion.existingPartner = row.network.existing.length > 0;
  return suggestion;
}

/** Ranks with ties as ties: equal scores share the rank of the first of them (1, 1, 3). */
export function tieRanks(scores: number[]): { rank: number; tiedWith: number }[] {
  return scores.map((score) => ({
    rank: 1 + scores.filter((s) => s > score).length,
    tiedWith: scores.filter((s) => s === score).length - 1,
  }));
}
