import { didYouMean, typoTolerantQuery, words } from "../../src/features/search/search.service";

describe("typo-tolerant query", () => {
  const known = ["openbare", "toiletten", "gemeente", "mantelzorg", "samenwerken"];
  const vocabulary = new Set(known);

  it("keeps known words as typed and adds fuzzy terms and the closest word for unknown ones", () => {
    const { query, corrections } = typoTolerantQuery(["openbare", "toilleten"], vocabulary, known);
    expect(query).toBe("openbare (toilleten OR toilleten~ OR toiletten)");
    expect(didYouMean(["openbare", "toilleten"], corrections)).toBe("openbare toiletten");
  });

  it("suggests nothing when no known word is close", () => {
    const { query, corrections } = typoTolerantQuery(["xylofoon"], vocabulary, known);
    expect(query).toBe("(xylofoon OR xylofoon~)");
    expect(didYouMean(["xylofoon"], corrections)).toBeNull();
  });

  it("reads words case- and accent-insensitively", () => {
    expect(words("Cliëntenraad Súdwest-Fryslân")).toEqual(["clientenraad", "sudwest", "fryslan"]);
  });
});
