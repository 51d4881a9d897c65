import type { NodeSpec } from "../common/node.writer";

/** How organisation mutations write: the relation fields of their inputs (see node.writer.ts). */
export const ORGANISATION: NodeSpec = {
  label: "Organisation",
  nameProperty: "name",
  relations: {
    topics: { type: "WORKS_ON", target: "Topic" },
    conditions: { type: "REPRESENTS", target: "Condition" },
    activeIn: { type: "ACTIVE_IN", target: "Place" },
    basedIn: { type: "BASED_IN", target: "Place" },
  },
};
