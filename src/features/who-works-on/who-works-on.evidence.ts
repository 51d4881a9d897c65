import type { Municipality, Province } from "../../graph/place/place.type";
import { type Evidence, EvidenceKind } from "./who-works-on.type";

const ROLE_LABEL: Record<string, string> = {
  COORDINATOR: "coördinator",
  ORGANISER: "organisator",
  PARTNER: "partner",
  SUPPORTER: "ondersteuner",
};

function where(place: Municipality | Province | null): string {
  return place ? ` in ${place.name}` : "";
}

/** The evidence in words a coordinator understands (the graph's language: Dutch). */
export function describeEvidence(e: Evidence): string {
  switch (e.kind) {
    case EvidenceKind.WORKS_ON:
      return e.place
        ? `Werkt aan "${e.topic.name}" en is actief${where(e.place)}.`
        : `Werkt aan "${e.topic.name}" (landelijk).`;
    case EvidenceKind.EXPERIENCE:
      return `Deelde de ervaring "${e.experience?.title ?? ""}" over "${e.topic.name}"${where(e.place)}.`;
    case EvidenceKind.INITIATIVE:
      return `Is ${e.role ? ROLE_LABEL[e.role] : "deelnemer"} van "${e.initiative?.name ?? ""}" over "${e.topic.name}"${where(e.place)}.`;
  }
}
