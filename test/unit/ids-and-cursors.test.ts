import { decodeCursor, encodeCursor } from "../../src/graph/common/cursor";
import { fromGlobalId, parseKey, toGlobalId } from "../../src/graph/common/global-id";
import { nameKey } from "../../src/domain/name-key";
import { toLuceneQuery } from "../../src/features/search/search.repository";

describe("global ids", () => {
  it("round-trips type and key and is opaque", () => {
    const id = toGlobalId("Municipality", "GM0363");
    expect(id).not.toContain("GM0363");
    expect(fromGlobalId(id)).toEqual({ type: "Municipality", key: "GM0363" });
  });

  it("accepts the readable key where a type is expected and rejects other types", () => {
    expect(parseKey("Organisation", "iederin")).toBe("iederin");
    expect(parseKey("Organisation", toGlobalId("Organisation", "iederin"))).toBe("iederin");
    expect(() => parseKey("Organisation", toGlobalId("Topic", "wonen"))).toThrow(
      /Topic, not of a Organisation/,
    );
    expect(() => parseKey("Topic", "DROP ALL; --")).toThrow(/not a valid Topic id/);
  });
});

describe("cursors", () => {
  it("round-trip and are bound to their ordering", () => {
    const cursor = encodeCursor("organisations:name:asc", { value: "Ieder(in)", key: "iederin" });
    expect(decodeCursor("organisations:name:asc", cursor)).toEqual({ value: "Ieder(in)", key: "iederin" });
    expect(() => decodeCursor("topics:name:asc", cursor)).toThrow(/another ordering/);
    expect(() => decodeCursor("x", "garbage")).toThrow(/not a valid cursor/);
    expect(decodeCursor("x", null)).toBeUndefined();
  });
});

describe("name keys and search text", () => {
  it("ignore case and accents", () => {
    expect(nameKey("  Cliëntenbelang   Amsterdam ")).toBe("clientenbelang amsterdam");
    expect(nameKey("Fryslân")).toBe("fryslan");
  });

  it("strip Lucene syntax from user text", () => {
    expect(toLuceneQuery('Crohn & Colitis (NL) "x" OR y*')).toBe("Crohn Colitis NL x y");
    expect(toLuceneQuery("()")).toBe("");
  });
});
