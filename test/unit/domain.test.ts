import {
  and,
  closestName,
  fragment,
  insideNetherlands,
  interpretPlace,
  keyOf,
  nodeTypeOf,
  renamed,
  worksIn,
} from "../../src/domain";

describe("place references (one rule for the API and the importer)", () => {
  it("reads CBS codes in any case", () => {
    expect(interpretPlace(" gm0363 ")).toEqual({ kind: "code", code: "GM0363" });
    expect(interpretPlace("PV27")).toEqual({ kind: "code", code: "PV27" });
  });

  it("resolves an unambiguous alias to its official name and keeps the alias visible", () => {
    expect(interpretPlace("Den Bosch")).toEqual({
      kind: "name",
      key: "'s-hertogenbosch",
      alias: "'s-Hertogenbosch",
      provinceOnly: false,
    });
  });

  it("only suggests an ambiguous alias", () => {
    expect(interpretPlace("bergen")).toEqual({
      kind: "ambiguous",
      candidates: ["Bergen (NH.)", "Bergen (L.)"],
    });
  });

  it("reads 'provincie X' as a province name, accents and case ignored", () => {
    expect(interpretPlace("Provincie Fryslân")).toEqual({
      kind: "name",
      key: "fryslan",
      alias: undefined,
      provinceOnly: true,
    });
  });

  it("suggests the closest name for a typo, and nothing for a stranger", () => {
    const names = ["Zeist", "Amsterdam", "Noord-Brabant", "Het Hogeland"];
    expect(closestName("Zeistt", names)).toBe("Zeist");
    expect(closestName("Zuid-Brabant", names)).toBe("Noord-Brabant");
    expect(closestName("Hogeland", names)).toBe("Het Hogeland");
    expect(closestName("Atlantis", names)).toBeUndefined();
  });

  it("knows the bounds of the Netherlands", () => {
    expect(insideNetherlands(52.37, 4.9)).toBe(true); // Amsterdam
    expect(insideNetherlands(51.5, -0.12)).toBe(false); // London
    expect(insideNetherlands(50.6, 5.9)).toBe(false); // south of Vaals
    expect(insideNetherlands(4.9, 52.37)).toBe(false); // swapped columns
  });
});

describe("node-type registry", () => {
  it("finds the type among a node's labels and reads its key", () => {
    expect(nodeTypeOf(["Municipality"])).toBe("Municipality");
    expect(nodeTypeOf(["AuditEvent"])).toBeUndefined();
    expect(keyOf("Municipality", { code: "GM0363", id: "x" })).toBe("GM0363");
    expect(keyOf("Topic", { id: "mantelzorg" })).toBe("mantelzorg");
  });
});

describe("Cypher fragments", () => {
  it("carry every value as a parameter", () => {
    const f = worksIn(
      "o",
      { kind: "province", code: "PV27", name: "Utrecht", municipalityCodes: ["GM0344"] },
      false,
    );
    expect(f.cypher).not.toContain("PV27");
    expect(f.cypher).not.toContain("GM0344");
    expect(f.params).toMatchObject({
      provinceCode: "PV27",
      municipalityCodes: ["GM0344"],
      includeNational: false,
    });
  });

  it("refuse a variable name that is not an identifier", () => {
    expect(() => worksIn("o) DETACH DELETE (x", undefined, true)).not.toThrow(); // no place: no variable used
    expect(() =>
      worksIn(
        "o) DETACH DELETE (x",
        { kind: "province", code: "PV27", name: "U", municipalityCodes: [] },
        true,
      ),
    ).toThrow(/not a Cypher identifier/);
  });

  it("rename parameters so that a fragment can be used twice", () => {
    const f = renamed(fragment("n.a = $a AND n.ab = $ab", { a: 1, ab: 2 }), "second");
    expect(f).toEqual({
      cypher: "n.a = $second_a AND n.ab = $second_ab",
      params: { second_a: 1, second_ab: 2 },
    });
  });

  it("join conditions, skipping absent ones", () => {
    expect(and(null, fragment("x", { p: 1 }), undefined, fragment("y"))).toEqual({
      cypher: "(x) AND (y)",
      params: { p: 1 },
    });
    expect(and().cypher).toBe("true");
  });
});
