import { AppError, ErrorCode } from "../../errors";
import { NETWORK_LIMITS } from "./network.args";
import type { EdgeInput } from "./network.graph";
import type { GroupRow } from "./network.repository";

export interface Folded {
  edges: EdgeInput[];
  /** Shared things left out: more than maxGroupSize organisations share them. */
  skipped: { key: string; name: string; size: number }[];
  pairs: number;
}

/**
 * Folds shared things into weighted organisation pairs: a tie's weight is the sum of the weights of
 * the things both share, and it lists (a few of) them. Refuses beyond `maxPairs` before any work.
 */
export function foldGroups(groups: GroupRow[], maxPairs: number = NETWORK_LIMITS.maxPairs): Folded {
  // The repository lists no members for things above maxGroupSize.
  const kept = groups.filter((g) => g.members.length >= 2);
  const skipped = groups
    .filter((g) => g.members.length === 0)
    .map((g) => ({ key: g.key, name: g.name, size: g.size }))
    .sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1));
  const pairs = kept.reduce((n, g) => n + (g.members.length * (g.members.length - 1)) / 2, 0);
  if (pairs > maxPairs) {
    throw new AppError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `This network would have ${pairs} ties to weigh (at most ${maxPairs}): narrow the filter or lower filter.maxGroupSize.`,
      { pairs, maxPairs },
    );
  }
  // Deterministic "why": things in key order, the first few per tie.
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ties = new Map<string, EdgeInput>();
  for (const group of kept) {
    const members = [...new Set(group.members)].sort();
    for (let i = 0; i < members.length - 1; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const source = members[i]!;
        const target = members[j]!;
        const key = `${source}\u0000${target}`;
        let tie = ties.get(key);
        if (!tie) {
          tie = { source, target, weight: 0, sharedCount: 0, shared: [] };
          ties.set(key, tie);
        }
        tie.weight += group.weight;
        tie.sharedCount += 1;
        if (tie.shared.length < NETWORK_LIMITS.sharedPerEdge)
          tie.shared.push({ key: group.key, name: group.name });
      }
    }
  }
  return { edges: [...ties.values()], skipped, pairs };
}
