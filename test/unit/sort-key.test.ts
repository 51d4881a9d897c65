import { sortKey } from "../../src/domain";

const dutch = (names: string[]): string[] =>
  [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

describe("sortKey (Dutch alphabetical order)", () => {
  it("ignores case, so capitals do not come first", () => {
    expect(dutch(["DUS-I", "Delfshaven"])).toEqual(["Delfshaven", "DUS-I"]);
    expect(dutch(["KBO-PCOB", "KansPlus"])).toEqual(["KansPlus", "KBO-PCOB"]);
  });

  it("ignores accents and punctuation", () => {
    expect(sortKey("Cliëntenraad Súdwest-Fryslân")).toBe("clientenraad sudwestfryslan");
    expect(sortKey("'s-Hertogenbosch")).toBe("shertogenbosch");
    expect(dutch(["Ëlst", "Eemland", "Emmen"])).toEqual(["Eemland", "Ëlst", "Emmen"]);
    expect(dutch(["Zorg & Welzijn", "Zorg-Kompas", "Zorgbelang"])).toEqual([
      "Zorg & Welzijn",
      "Zorgbelang",
      "Zorg-Kompas",
    ]);
  });

  it("keeps words apart: a shorter word comes before a longer one", () => {
    expect(dutch(["Denekamp", "Den Bosch"])).toEqual(["Den Bosch", "Denekamp"]);
  });
});
