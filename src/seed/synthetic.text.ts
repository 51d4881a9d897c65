import type { ExperienceKind, Scope } from "./seed.schema";

/** Dutch name and text templates for synthetic records: plausible, clearly generic, no persons. */

export const KIND_WEIGHTS: Record<Scope, Record<string, number>> = {
  LOCAL: {
    adviesraad: 22,
    zorgcoöperatie: 14,
    welzijnsorganisatie: 16,
    belangenvereniging: 12,
    "afdeling ouderenbond": 10,
    vrijwilligersorganisatie: 10,
    bewonersorganisatie: 8,
    cliëntondersteuning: 5,
    gemeente: 3,
  },
  REGIONAL: {
    belangenvereniging: 25,
    welzijnsorganisatie: 20,
    cliëntondersteuning: 15,
    kennisinstituut: 8,
    patiëntenvereniging: 12,
    vrijwilligersorganisatie: 10,
    fonds: 5,
    stichting: 5,
  },
  NATIONAL: {
    patiëntenvereniging: 40,
    belangenvereniging: 15,
    kennisinstituut: 12,
    fonds: 10,
    stichting: 10,
    vrijwilligersorganisatie: 8,
    koepel: 5,
  },
};

const NAME_PREFIX: Record<string, string[]> = {
  adviesraad: ["Adviesraad Sociaal Domein", "Participatieraad", "Wmo-raad", "Cliëntenraad Sociaal Domein"],
  zorgcoöperatie: ["Zorgcoöperatie", "Burgerzorgcoöperatie", "Dorpscoöperatie"],
  welzijnsorganisatie: ["Stichting Welzijn", "Welzijn", "Sociaal Werk"],
  belangenvereniging: [
    "Gehandicaptenplatform",
    "Platform Toegankelijk",
    "Belangenvereniging",
    "Cliëntenbelang",
  ],
  "afdeling ouderenbond": ["Seniorenvereniging", "Ouderenbond afdeling"],
  vrijwilligersorganisatie: ["Vrijwilligerscentrale", "Vrijwillige Hulpdienst", "Buurtvrienden"],
  bewonersorganisatie: ["Bewonersvereniging", "Buurtcoöperatie"],
  cliëntondersteuning: ["Cliëntondersteuning", "Onafhankelijke Cliëntondersteuning"],
  gemeente: ["Gemeente"],
  kennisinstituut: ["Kenniscentrum", "Expertisecentrum"],
  patiëntenvereniging: ["Patiëntenvereniging", "Vereniging"],
  fonds: ["Fonds", "Stichting Fonds"],
  stichting: ["Stichting", "Stichting Samen"],
  koepel: ["Landelijke Koepel", "Federatie", "Netwerk"],
};

const DISTRICTS = ["Noord", "Zuid", "Oost", "West", "Centrum", "Stad", "Buitengebied"];

/** "Zorgcoöperatie Lopik"; a second one in the same place becomes "Zorgcoöperatie Lopik-Noord". */
export class NameMaker {
  private readonly used = new Map<string, number>();

  make(base: string): string {
    const count = this.used.get(base) ?? 0;
    this.used.set(base, count + 1);
    if (count === 0) return base;
    const district = DISTRICTS[(count - 1) % DISTRICTS.length] as string;
    const round = Math.floor((count - 1) / DISTRICTS.length);
    return round === 0 ? `${base}-${district}` : `${base}-${district} ${round + 1}`;
  }
}

export function organisationBase(kind: string, prefixIndex: number, subject: string): string {
  const prefixes = NAME_PREFIX[kind] ?? ["Stichting"];
  return `${prefixes[prefixIndex % prefixes.length]} ${subject}`;
}

export const INITIATIVE_KINDS = {
  project: 35,
  netwerk: 25,
  alliantie: 15,
  campagne: 15,
  onderzoek: 10,
} as const;
export const EVENT_KINDS = {
  bijeenkomst: 45,
  inspiratiesessie: 20,
  webinar: 15,
  congres: 10,
  training: 10,
} as const;
export const EXPERIENCE_WEIGHTS: Record<ExperienceKind, number> = {
  BEST_PRACTICE: 35,
  LESSON: 30,
  STORY: 20,
  RESULT: 15,
};

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function initiativeName(kind: string, topic: string, place: string): string {
  const label: Record<string, string> = {
    project: "Project",
    netwerk: "Netwerk",
    alliantie: "Alliantie",
    campagne: "Campagne",
    onderzoek: "Onderzoek",
  };
  return `${label[kind] ?? capital(kind)} ${topic} ${place}`;
}

export function initiativeGoal(topic: string, place: string): string {
  return `Samen met partners in ${place} werken aan ${topic.toLowerCase()}: kennis delen, knelpunten signaleren en afspraken maken met de gemeente.`;
}

export function eventName(kind: string, topic: string, place: string | null): string {
  return `${capital(kind)} ${topic}${place ? ` in ${place}` : " (online)"}`;
}

const EXPERIENCE_TITLES: Record<ExperienceKind, string[]> = {
  BEST_PRACTICE: [
    "Vaste contactpersoon bij de gemeente voor {topic}",
    "Ervaringsdeskundigen aan tafel bij {topic}",
    "Samen optrekken op {topic} in {place}",
  ],
  LESSON: [
    "Begin klein met {topic}",
    "Leg afspraken over {topic} vast",
    "Betrek de achterban vroeg bij {topic}",
  ],
  STORY: ["Hoe {place} werk maakte van {topic}", "Een jaar {topic} in {place}"],
  RESULT: ["Meer bereik met {topic} in {place}", "Afspraken over {topic} opgenomen in beleid"],
};

const EXPERIENCE_SUMMARIES: Record<ExperienceKind, string> = {
  BEST_PRACTICE:
    "In {place} werkt een vaste aanpak voor {topic}. Organisaties delen wat werkt en spreken elkaar regelmatig.",
  LESSON: "Bij {topic} in {place} bleek dat een duidelijk doel vooraf en vaste rollen veel tijd schelen.",
  STORY: "Deelnemers in {place} vertellen hoe zij {topic} samen oppakten en wat dat opleverde.",
  RESULT: "Het werk aan {topic} in {place} leidde tot concrete afspraken met de gemeente en meer bereik.",
};

function fill(template: string, topic: string, place: string): string {
  return template.replace(/\{topic\}/g, topic.toLowerCase()).replace(/\{place\}/g, place);
}

export function experienceTitle(kind: ExperienceKind, variant: number, topic: string, place: string): string {
  const titles = EXPERIENCE_TITLES[kind];
  return capital(fill(titles[variant % titles.length] as string, topic, place));
}

export function experienceSummary(kind: ExperienceKind, topic: string, place: string): string {
  return fill(EXPERIENCE_SUMMARIES[kind], topic, place);
}

export function organisationDescription(kind: string, scope: Scope, place: string, topics: string[]): string {
  const where =
    scope === "NATIONAL" ? "landelijk" : scope === "REGIONAL" ? `in de regio ${place}` : `in ${place}`;
  return `${capital(kind)}, actief ${where}, werkt aan ${topics.map((t) => t.toLowerCase()).join(", ")}.`;
}
