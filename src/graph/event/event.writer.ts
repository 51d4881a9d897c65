import type { NodeSpec } from "../common/node.writer";

/** How event mutations write: the relation fields of their inputs (see node.writer.ts). */
export const EVENT: NodeSpec = {
  label: "Event",
  nameProperty: "name",
  relations: {
    topics: { type: "ABOUT", target: "Topic" },
    place: { type: "HELD_IN", target: "Place" },
    initiative: { type: "PART_OF", target: "Initiative" },
  },
};
