import type { GraphQLResolveInfo } from "graphql";
import {
  objectFieldType,
  selectedBelow,
  selectedEdgeNodes,
  selectedProperties,
} from "../../graph/common/selection";
import { EVERY_PROPERTY, type Projection } from "./who-works-on.repository";

/**
 * Which node properties whoWorksOn's page must read for the client's selection: a popular topic's page
 * otherwise carries every property of every organisation and piece of evidence, experience texts included.
 */
export function projectionOf(info: GraphQLResolveInfo): Projection {
  const { edgeType, edges, nodes } = selectedEdgeNodes(info);
  if (!edgeType) return EVERY_PROPERTY;
  const evidence = selectedBelow(info, edgeType, edges, "evidence");
  const evidenceType = objectFieldType(edgeType, "evidence");
  const of = (name: string) => selectedBelow(info, evidenceType, evidence, name);
  // The evidence in words names its topic, place, experience and initiative (who-works-on.evidence.ts).
  const described = of("description").length > 0;
  const named = described ? ["name"] : [];
  return {
    organisation: selectedProperties(info, ["Organisation"], nodes),
    evidence:
      evidence.length === 0
        ? null
        : {
            topic: selectedProperties(info, ["Topic"], of("topic"), named),
            place: selectedProperties(info, ["Municipality", "Province"], of("place"), named),
            experience: selectedProperties(info, ["Experience"], of("experience"), described ? ["title"] : []),
            initiative: selectedProperties(info, ["Initiative"], of("initiative"), named),
          },
  };
}
