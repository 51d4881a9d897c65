import { type Fragment, fragment, identifier } from "./cypher.fragment";

/**
 * How deep the topic tree is followed when a topic includes its subtopics. The seed's tree is three
 * levels deep; six leaves room without letting a cycle (which the seed refuses) blow up a query.
 */
export const SUBTOPIC_DEPTH = 6;

/** The relationship step "a subtopic of, at any depth up to SUBTOPIC_DEPTH (0: the topic itself)". */
export const SUBTOPIC_STEP = `[:SUBTOPIC_OF*0..${SUBTOPIC_DEPTH}]`;

/**
 * The topics `t` that count for `root`: the root and, when `$deep`, its subtopics. Binds `topics`
 * (a list) in a CALL so that callers can UNWIND it.
 */
export function topicClosure(root: string, deepParam = "deep"): string {
  const r = identifier(root);
  return `CALL (${r}) {
    MATCH (${r})<-${SUBTOPIC_STEP}-(t:Topic) WHERE $${identifier(deepParam)} OR t = ${r}
    RETURN collect(DISTINCT t) AS topics
  }`;
}

/**
 * Node `n` is linked by `relationship` to the topic `$topicParam` or (deep) one of its subtopics.
 * Used for "works on" (WORKS_ON) and "is about" (ABOUT).
 */
export function linkedToTopic(
  n: string,
  relationship: "WORKS_ON" | "ABOUT",
  topicId: string,
  includeSubtopics: boolean,
  topicParam = "topic",
): Fragment {
  const v = identifier(n);
  const p = identifier(topicParam);
  const path = includeSubtopics ? `(:Topic)-${SUBTOPIC_STEP}->(:Topic {id: $${p}})` : `(:Topic {id: $${p}})`;
  return fragment(`EXISTS { (${v})-[:${relationship}]->${path} }`, { [p]: topicId });
}

/** A starting MATCH binding `n` to the nodes linked to the topic (expands from one indexed node). */
export function fromTopic(
  n: string,
  label: string,
  relationship: "WORKS_ON" | "ABOUT",
  topicId: string,
  includeSubtopics: boolean,
  topicParam = "topic",
): Fragment {
  const p = identifier(topicParam);
  const sub = includeSubtopics ? `<-${SUBTOPIC_STEP}-(:Topic)` : "";
  return fragment(
    `MATCH (:Topic {id: $${p}})${sub}<-[:${relationship}]-(${identifier(n)}:${identifier(label)})`,
    { [p]: topicId },
  );
}
