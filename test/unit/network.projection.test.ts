import { NETWORK_LIMITS } from "../../src/features/network/network.args";
import { csv, xml } from "../../src/features/network/network.export";
import { foldGroups } from "../../src/features/network/network.projection";
import type { GroupRow } from "../../src/features/network/network.repository";

const group = (key: string, members: string[], weight = 1, size = members.length): GroupRow => ({
  key,
  name: key.toUpperCase(),
  size,
  members,
  weight,
});

describe("folding shared things into weighted ties", () => {
  it("sums the weights of everything two organisations share, and says what", () => {
    const { edges, skipped, pairs } = foldGroups([
      group("t1", ["a", "b", "c"], 0.5),
      group("t2", ["b", "a"], 0.25),
      group("t3", ["c", "d"], 1),
    ]);
    expect(pairs).toBe(5);
    expect(skipped).toEqual([]);
    const byPair = new Map(edges.map((e) => [`${e.source}-${e.target}`, e]));
    expect([...byPair.keys()].sort()).toEqual(["a-b", "a-c", "b-c", "c-d"]);
    expect(byPair.get("a-b")).toMatchObject({
      weight: 0.75,
      sharedCount: 2,
      shared: [
        { key: "t1", name: "T1" },
        { key: "t2", name: "T2" },
      ],
    });
    expect(byPair.get("c-d")).toMatchObject({ weight: 1, sharedCount: 1 });
  });

  it("lists at most a few shared things per tie but counts them all", () => {
    const many = Array.from({ length: 8 }, (_, i) => group(`t${i}`, ["a", "b"]));
    const [edge] = foldGroups(many).edges;
    expect(edge!.sharedCount).toBe(8);
    expect(edge!.shared).toHaveLength(NETWORK_LIMITS.sharedPerEdge);
  });

  it("reports things shared by too many organisations instead of tying them all", () => {
    const { edges, skipped } = foldGroups([group("big", [], 1, 500), group("small", ["a", "b"])]);
    expect(edges).toHaveLength(1);
    expect(skipped).toEqual([{ key: "big", name: "BIG", size: 500 }]);
  });

  it("refuses a projection with more pairs than the limit, with a code", () => {
    const members = Array.from({ length: 100 }, (_, i) => `o${i}`);
    expect(() => foldGroups([group("g", members)], 4_000)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "QUERY_TOO_COMPLEX" }) }),
    );
    expect(foldGroups([group("g", members)], 4_950).edges).toHaveLength(4_950);
  });
});

describe("file escaping", () => {
  it("escapes XML and drops characters XML 1.0 forbids", () => {
    expect(xml(`a<b>&"c"'d\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d");
  });

  it("quotes CSV per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csv('Samen, "sterk"')).toBe('"Samen, ""sterk"""');
    expect(csv("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csv("-1")).toBe("'-1");
    expect(csv(-1)).toBe("-1");
    expect(csv("plain")).toBe("plain");
  });
});
