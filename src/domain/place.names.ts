import { nameKey } from "./name-key";
import { PLACE_CODE } from "./place.codes";

/**
 * Names people use that are not the CBS name. An alias with one official name resolves to it, and the
 * answer says so (the API's resolvedPlace, the importer's note); one with several is ambiguous and
 * only suggests them. The one alias table of the service: API and importer both read it.
 */
export const PLACE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  "Den Bosch": ["'s-Hertogenbosch"],
  "'s Hertogenbosch": ["'s-Hertogenbosch"],
  "Den Haag": ["'s-Gravenhage"],
  "The Hague": ["'s-Gravenhage"],
  "'s Gravenhage": ["'s-Gravenhage"],
  Hengelo: ["Hengelo (O.)"],
  "Bergen NH": ["Bergen (NH.)"],
  "Bergen (Noord-Holland)": ["Bergen (NH.)"],
  "Bergen L": ["Bergen (L.)"],
  "Bergen (Limburg)": ["Bergen (L.)"],
  Bergen: ["Bergen (NH.)", "Bergen (L.)"],
  Nuenen: ["Nuenen, Gerwen en Nederwetten"],
  Friesland: ["Fryslân"],
  Brabant: ["Noord-Brabant"],
};

const ALIAS_BY_KEY = new Map(Object.entries(PLACE_ALIASES).map(([alias, names]) => [nameKey(alias), names]));

/** What a place reference asks for, before it is looked up (in the graph or in the seed files). */
export type PlaceQuery =
  | { kind: "code"; code: string }
  | {
      kind: "name";
      /** nameKey of the name to look up. */
      key: string;
      /** Set when the input was an alias: the official name it stands for. */
      alias?: string;
      /** "provincie Utrecht": only a province may answer. */
      provinceOnly: boolean;
    }
  | { kind: "ambiguous"; candidates: readonly string[] };

/**
 * The one rule for reading a place reference: a CBS code (GM0363, PV27), a current or former name
 * (looked up by nameKey), or an alias; "provincie X" names a province.
 */
export function interpretPlace(input: string): PlaceQuery {
  const value = input.trim();
  if (PLACE_CODE.test(value.toUpperCase())) return { kind: "code", code: value.toUpperCase() };
  const province = /^(provincie|prov\.?)\s+(.+)$/i.exec(value);
  const name = province?.[2] ?? value;
  const official = ALIAS_BY_KEY.get(nameKey(name));
  if (official && official.length > 1) return { kind: "ambiguous", candidates: official };
  const alias = official?.[0];
  return { kind: "name", key: nameKey(alias ?? name), alias, provinceOnly: Boolean(province) };
}

/** "'Bergen' may mean Bergen (NH.) or Bergen (L.)". */
export function ambiguousMessage(input: string, candidates: readonly string[]): string {
  const names = candidates.map((c) => `"${c}"`);
  return `'${input}' may mean ${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}; give one of them or a CBS code`;
}
