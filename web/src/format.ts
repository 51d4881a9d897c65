const decimal = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });
const fine = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 4 });
const percent = new Intl.NumberFormat("nl-NL", { style: "percent", maximumFractionDigits: 0 });

export const formatNumber = (value: number): string => decimal.format(value);
export const formatFine = (value: number): string => fine.format(value);
export const formatPercent = (value: number): string => percent.format(value);

export const SCOPE_LABEL: Record<string, string> = {
  NATIONAL: "landelijk",
  REGIONAL: "regionaal",
  LOCAL: "lokaal",
};

export const SEARCH_TYPE_LABEL: Record<string, string> = {
  ORGANISATION: "Organisaties",
  TOPIC: "Onderwerpen",
  INITIATIVE: "Initiatieven",
  EXPERIENCE: "Ervaringen",
  EVENT: "Bijeenkomsten",
  CONDITION: "Aandoeningen en doelgroepen",
};

export const ROLE_LABEL: Record<string, string> = {
  COORDINATOR: "coördinator",
  ORGANISER: "organisator",
  PARTNER: "partner",
  SUPPORTER: "ondersteuner",
  PARTICIPANT: "deelnemer",
};

export const EXPERIENCE_KIND_LABEL: Record<string, string> = {
  BEST_PRACTICE: "goed voorbeeld",
  LESSON: "les",
  STORY: "verhaal",
  RESULT: "resultaat",
};

export const EVIDENCE_KIND_LABEL: Record<string, string> = {
  WORKS_ON: "werkt eraan",
  EXPERIENCE: "ervaring",
  INITIATIVE: "initiatief",
};

export const COMPONENT_LABEL: Record<string, string> = {
  TOPICS: "Onderwerpen",
  GEOGRAPHY: "Geografie",
  CONDITIONS: "Aandoeningen en soort",
  NETWORK: "Netwerk",
  PROXIMITY: "Wat jullie delen",
};

export const SECTOR_LABEL: Record<string, string> = {
  MEDICAL: "medisch (aandoening)",
  SOCIAL: "sociaal domein",
  OTHER: "overig",
};

export const PROJECTION_LABEL: Record<string, string> = {
  SHARED_INITIATIVES: "Samen in initiatieven",
  SHARED_EVENTS: "Samen op bijeenkomsten",
  SHARED_TOPICS: "Zelfde onderwerpen",
  SHARED_PLACES: "Zelfde gemeenten",
};
