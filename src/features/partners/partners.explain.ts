import { type NodeType, toGlobalId } from "../../graph/common/global-id";
import type { Props } from "../../graph/common/node.repository";
import { Organisation } from "../../graph/organisation/organisation.type";
import { type Municipality, type Province, placeFrom } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";
import type { NodeRef, SuggestionRow, TopicMatchRow } from "./partners.repository";
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
      id: isNodeType(n.label) ? toGlobalId(n.label, n.key) : n.key,
      key: n.key,
      name: n.name,
    })),
    relationships: steps.map((s) => ({ type: s.type, forward: s.forward })),
    explanation,
    notation,
  };
}

function isNodeType(label: string): label is NodeType {
  return [
    "Organisation",
    "Topic",
    "Condition",
    "Municipality",
    "Province",
    "Initiative",
    "Event",
    "Experience",
  ].includes(label);
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

function topicText(m: TopicMatchRow, total: number): string {
  const name = String(m.topic.name);
  const rarityText = topicRarityText(m.organisationCount, total);
  if (m.relation === "SAME" || !m.via) return `${name} (${rarityText})`;
  const via = String(m.via.name);
  return m.relation === "NARROWER"
    ? `${name}, onderdeel van jullie ${via} (${rarityText})`
    : `${name}, overkoepelend voor jullie ${via} (${rarityText})`;
}

function topicsExplanation(row: SuggestionRow, total: number): string {
  if (row.topics.length === 0) return "Geen gedeelde onderwerpen";
  const texts = row.topics.slice(0, 3).map((m) => topicText(m, total));
  const more = row.topics.length > 3 ? ` en nog ${row.topics.length - 3}` : "";
  return `Werkt ook aan ${texts.join(", ")}${more}`;
}

function topicPaths(row: SuggestionRow, asker: End, candidate: End): PartnerPath[] {
  return row.topics.slice(0, 3).map((m) => {
    const topic = ref(m.topic, "Topic");
    if (m.relation === "SAME" || !m.via) {
      return path(
        PartnerPathKind.TOPIC,
        [asker, topic, candidate],
        [out("WORKS_ON"), back("WORKS_ON")],
        `Beide werken aan ${topic.name}`,
      );
    }
    const via = ref(m.via, "Topic");
    const narrower = m.relation === "NARROWER";
    return path(
      PartnerPathKind.TOPIC,
      [asker, via, topic, candidate],
      [out("WORKS_ON"), narrower ? back("SUBTOPIC_OF") : out("SUBTOPIC_OF"), back("WORKS_ON")],
      narrower
        ? `${candidate.name} werkt aan ${topic.name}, onderdeel van ${via.name}`
        : `${candidate.name} werkt aan ${topic.name}, waar ${via.name} onder valt`,
    );
  });
}

// ---- geography ----

function geographyExplanation(row: SuggestionRow, asker: Props): string {
  const g = row.geo;
  const placeNames = g.places.map((p) => ({ name: p.place.name }));
  switch (g.level) {
    case "MUNICIPALITY":
    case "PROVINCE":
      return `Beide actief in ${names(placeNames)}`;
    case "NATIONAL":
      return row.organisation.scope === "NATIONAL"
        ? "Landelijke organisatie: overal nabij"
        : `${String(asker.name)} werkt landelijk: overal nabij`;
    case "DISTANCE":
      return `Op ${Math.round(g.distanceKm ?? 0)} km afstand (${g.askerHome?.name ?? "?"} – ${g.candidateHome?.name ?? "?"})`;
    case "IN_PLACE":
      return `Actief in ${names(placeNames)}`;
    case "PLACE_PROVINCE":
      return `Regionaal actief in ${names(placeNames)}`;
    case "PLACE_NATIONAL":
      return "Landelijke organisatie: ook daar actief";
    default:
      return "Geen gedeeld werkgebied bekend";
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

function conditionsExplanation(row: SuggestionRow, mode: MatchMode): string {
  const { asker, candidate, shared } = row.conditions;
  const kinds = row.kinds;
  if (mode === MatchMode.SIMILAR) {
    const condition = shared.length > 0 ? `Zelfde aandoening: ${names(shared)}` : "Geen gedeelde aandoening";
    const kind =
      kinds.relation === "SAME_KIND"
        ? `zelfde soort organisatie (${kinds.candidate})`
        : `ander soort organisatie (${kinds.candidate})`;
    return `${condition}; ${kind}`;
  }
  if (row.topics.length === 0) return "Geen gedeeld onderwerp, dus geen aanvulling";
  const sharedKeys = new Set(shared.map((d) => String(d.id)));
  const theirs = candidate.filter((d) => !sharedKeys.has(String(d.id)));
  const ours = asker.filter((d) => !sharedKeys.has(String(d.id)));
  let condition: string;
  if (theirs.length > 0 && ours.length > 0) {
    condition = `Andere aandoening: ${names(theirs, 2)} naast ${names(ours, 2)}`;
  } else if (theirs.length > 0) {
    condition = `Brengt een aandoening in: ${names(theirs, 2)}`;
  } else if (ours.length > 0) {
    condition = `Werkt breder dan één aandoening, naast jullie ${names(ours, 2)}`;
  } else {
    condition = shared.length > 0 ? `Zelfde aandoening: ${names(shared)}` : "Geen aandoeningen bekend";
  }
  const kind =
    kinds.relation === "OTHER_WORLD"
      ? `andere wereld: ${kinds.candidate} naast ${kinds.asker}`
      : kinds.relation === "SAME_WORLD"
        ? `ander soort organisatie: ${kinds.candidate} naast ${kinds.asker}`
        : `zelfde soort organisatie (${kinds.candidate})`;
  return `${condition}; ${kind}`;
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
  // The complementary path: different conditions joined through a shared topic.
  const topic = row.topics[0];
  if (!topic) return [];
  const sharedKeys = new Set(shared.map((d) => String(d.id)));
  const ours = row.conditions.asker.find((d) => !sharedKeys.has(String(d.id)));
  const theirs = row.conditions.candidate.find((d) => !sharedKeys.has(String(d.id)));
  if (!ours && !theirs) return [];
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

// ---- network ----

function networkExplanation(row: SuggestionRow): string {
  const n = row.network;
  const parts: string[] = [];
  if (n.existing.length > 0) parts.push(`Al partners in ${names(n.existing)}`);
  for (const p of n.partners.slice(0, 2)) {
    parts.push(`Gedeelde partner: ${p.partner.name} via ${p.askerInitiative.name}`);
  }
  if (n.experiences.length > 0) parts.push(`Deelden samen de ervaring ${names(n.experiences, 2)}`);
  if (n.events.length > 0) parts.push(`Samen op ${names(n.events, 2)}`);
  if (n.memberOfAsker) parts.push("Is lid van jullie");
  if (n.askerMemberOf) parts.push("Jullie zijn lid van hen");
  if (n.koepels.length > 0) parts.push(`Beide lid van ${names(n.koepels)}`);
  if (n.experienceTopics.length > 0) {
    parts.push(`Beide deelden ervaringen over ${names(n.experienceTopics.map((t) => t.topic))}`);
  }
  return parts.length > 0 ? parts.join("; ") : "Geen gedeelde partners, bijeenkomsten of ervaringen";
}

function networkPaths(row: SuggestionRow, asker: End, candidate: End): PartnerPath[] {
  const n = row.network;
  const paths: PartnerPath[] = [];
  for (const i of n.existing) {
    paths.push(
      path(
        PartnerPathKind.EXISTING,
        [asker, i, candidate],
        [out("PARTICIPATES_IN"), back("PARTICIPATES_IN")],
        `Al samen in ${i.name}`,
      ),
    );
  }
  for (const p of n.partners) {
    paths.push(
      path(
        PartnerPathKind.PARTNER,
        [asker, p.askerInitiative, p.partner, p.candidateInitiative, candidate],
        [out("PARTICIPATES_IN"), back("PARTICIPATES_IN"), out("PARTICIPATES_IN"), back("PARTICIPATES_IN")],
        `Gedeelde partner: ${p.partner.name} via ${p.askerInitiative.name} (met ${candidate.name} in ${p.candidateInitiative.name})`,
      ),
    );
  }
  for (const x of n.experiences) {
    paths.push(
      path(
        PartnerPathKind.EXPERIENCE,
        [asker, x, candidate],
        [out("SHARED"), back("SHARED")],
        `Deelden samen de ervaring "${x.name}"`,
      ),
    );
  }
  for (const e of n.events) {
    paths.push(
      path(
        PartnerPathKind.EVENT,
        [asker, e, candidate],
        [out("TAKES_PART_IN"), back("TAKES_PART_IN")],
        `Beide namen deel aan ${e.name}`,
      ),
    );
  }
  if (n.memberOfAsker) {
    paths.push(
      path(
        PartnerPathKind.MEMBERSHIP,
        [candidate, asker],
        [out("MEMBER_OF")],
        `${candidate.name} is lid van ${asker.name}`,
      ),
    );
  }
  if (n.askerMemberOf) {
    paths.push(
      path(
        PartnerPathKind.MEMBERSHIP,
        [asker, candidate],
        [out("MEMBER_OF")],
        `${asker.name} is lid van ${candidate.name}`,
      ),
    );
  }
  for (const k of n.koepels) {
    paths.push(
      path(
        PartnerPathKind.MEMBERSHIP,
        [asker, k, candidate],
        [out("MEMBER_OF"), back("MEMBER_OF")],
        `Beide lid van ${k.name}`,
      ),
    );
  }
  for (const t of n.experienceTopics) {
    paths.push(
      path(
        PartnerPathKind.EXPERIENCE,
        [asker, t.askerExperience, t.topic, t.candidateExperience, candidate],
        [out("SHARED"), out("ABOUT"), back("ABOUT"), back("SHARED")],
        `Beide deelden een ervaring over ${t.topic.name}`,
      ),
    );
  }
  return paths;
}

// ---- the suggestion ----

export interface ExplainContext {
  asker: Props;
  mode: MatchMode;
  weights: MatchWeights;
  /** Organisations in the graph (for "zeldzaam"). */
  total: number;
}

export function toSuggestion(row: SuggestionRow, rank: number, ctx: ExplainContext): PartnerSuggestion {
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
    c: { name, weight, value: round(value), contribution: round(weight * value), explanation },
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
      PartnerComponentName.CONDITIONS,
      w.conditions,
      row.values.conditions,
      conditionsExplanation(row, ctx.mode),
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
  suggestion.rank = rank;
  suggestion.score = round(row.score);
  suggestion.components = parts.map((p) => p.c);
  suggestion.explanation = parts
    .filter((p) => p.c.contribution > 0)
    .slice(0, 3)
    .map((p) => p.c.explanation)
    .join(" · ");
  suggestion.sharedTopics = row.topics.map((m): PartnerSharedTopic => ({
    topic: Topic.from(m.topic),
    organisationCount: m.organisationCount,
    weight: round(m.weight),
    relatedTo: m.via ? Topic.from(m.via) : null,
  }));
  suggestion.sharedPlaces = row.geo.places.map((p): Municipality | Province => placeFrom(p.place, p.labels));
  suggestion.paths = parts.flatMap((p) => (p.c.contribution > 0 ? p.paths : [])).slice(0, MAX_PATHS);
  suggestion.existingPartner = row.network.existing.length > 0;
  return suggestion;
}
