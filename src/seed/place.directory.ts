import { ambiguousMessage, interpretPlace } from "../domain";
import { NameIndex, unknownMessage } from "./name.index";

/**
 * Municipalities (current and merged away) and provinces, for resolving place references in seed
 * files and spreadsheets. A merged-away municipality resolves to its legal successor.
 */

/**
 * Where a municipality was split over several successors, the one that legally continues it (RvIG;
 * seeds/README: "one successor per old code"). Used when the mergers file has no `legal` column.
 */
export const LEGAL_SUCCESSORS: Readonly<Record<string, string>> = {
  GM0053: "GM1966", // Winsum → Het Hogeland (part went to Westerkwartier)
  GM0788: "GM0824", // Haaren → Oisterwijk (parts went to Boxtel, Tilburg, Vught)
};

export interface PlaceInfo {
  code: string;
  name: string;
  kind: "municipality" | "province";
  /** For a merged-away municipality: its name, code and end date (the record it was resolved from). */
  formerly?: { code: string; name: string; validTo: string };
  /** Set when the reference was an alias (src/domain/place.names.ts): the name as written. */
  alias?: string;
}

interface DirectoryInput {
  provinces: { code: string; name: string }[];
  municipalities: { code: string; name: string }[];
  formerMunicipalities: { code: string; name: string; validTo: string; legalSuccessor: string }[];
}

export class PlaceDirectory {
  private readonly current = new Map<string, PlaceInfo>();
  private readonly former = new Map<string, { name: string; validTo: string; legalSuccessor: string }>();
  private readonly municipalityNames = new NameIndex<string>();
  private readonly provinceNames = new NameIndex<string>();

  constructor(input: DirectoryInput) {
    for (const p of input.provinces) {
      this.current.set(p.code, { code: p.code, name: p.name, kind: "province" });
      this.provinceNames.add(p.code, p.name, p.code);
    }
    for (const m of input.municipalities) {
      this.current.set(m.code, { code: m.code, name: m.name, kind: "municipality" });
      this.municipalityNames.add(m.code, m.name, m.code);
    }
    for (const f of input.formerMunicipalities) {
      this.former.set(f.code, f);
      this.municipalityNames.add(f.code, f.name, f.code);
    }
  }

  get size(): number {
    return this.current.size;
  }

  /** A current place for a code; merged-away codes follow their legal successors (also chains). */
  resolveCode(code: string): PlaceInfo | undefined {
    const direct = this.current.get(code);
    if (direct) return direct;
    const first = this.former.get(code);
    if (!first) return undefined;
    let next = first.legalSuccessor;
    for (let hops = 0; hops < 20; hops++) {
      const target = this.current.get(next);
      if (target) return { ...target, formerly: { code, name: first.name, validTo: first.validTo } };
      const step = this.former.get(next);
      if (!step) return undefined;
      next = step.legalSuccessor;
    }
    return undefined;
  }

  /**
   * A place by code, name, former name or alias (the rule of src/domain/place.names.ts). Municipality
   * names win over province names (Utrecht, Groningen); "provincie Utrecht" or the PV code names the
   * province. An alias resolves and says so (`alias`); an ambiguous one only suggests.
   */
  resolve(input: string): { place?: PlaceInfo; error?: string } {
    const value = input.trim();
    const query = interpretPlace(value);
    if (query.kind === "code") {
      const place = this.resolveCode(query.code);
      return place ? { place } : { error: `unknown place code '${value}'` };
    }
    if (query.kind === "ambiguous") return { error: ambiguousMessage(value, query.candidates) };
    const found = (code: string | undefined): { place?: PlaceInfo } => {
      const place = code ? this.resolveCode(code) : undefined;
      return { place: place && query.alias ? { ...place, alias: value } : place };
    };
    if (query.provinceOnly) {
      const province = this.provinceNames.get(query.key);
      if (province) return found(province);
      const name = value.replace(/^(provincie|prov\.?)\s+/i, "");
      return { error: unknownMessage("province", name, this.provinceNames.suggest(name)) };
    }
    const municipality = this.municipalityNames.get(query.key) ?? this.provinceNames.get(query.key);
    if (municipality) return found(municipality);
    const suggestion = this.municipalityNames.suggest(value) ?? this.provinceNames.suggest(value);
    return { error: unknownMessage("municipality", value, suggestion) };
  }

  /** For messages: "Sint Anthonis (GM1702) merged into Land van Cuijk (GM1982) on 2022-01-01". */
  static describe(place: PlaceInfo): string {
    if (place.alias) return `'${place.alias}' is ${place.name} (${place.code})`;
    if (!place.formerly) return `${place.name} (${place.code})`;
    const f = place.formerly;
    return `${f.name} (${f.code}) merged into ${place.name} (${place.code}) on ${f.validTo}`;
  }
}

/** Picks the legal successor from the rows of one old code; undefined when it cannot be decided. */
export function legalSuccessorOf(
  oldCode: string,
  rows: { new_code: string; legal?: string | undefined }[],
): string | undefined {
  const marked = rows.filter((r) => r.legal === "true");
  if (marked.length === 1) return marked[0]?.new_code;
  if (marked.length > 1) return undefined;
  if (rows.length === 1) return rows[0]?.new_code;
  const known = LEGAL_SUCCESSORS[oldCode];
  return rows.some((r) => r.new_code === known) ? known : undefined;
}
