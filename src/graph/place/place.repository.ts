import { closest, distance } from "fastest-levenshtein";
import type { Queryable } from "../../db/database";
import { badInput } from "../../errors";
import { nameKey } from "../common/text";
import type { PlaceInput } from "./place.input";

/** A place argument resolved to current municipality codes and/or a province. */
export interface ResolvedMunicipality {
  kind: "municipality";
  code: string;
  name: string;
  /** The name asked for: differs from `name` when a former municipality was resolved to its successor. */
  requested: string;
  provinceCode: string | null;
}
export interface ResolvedProvince {
  kind: "province";
  code: string;
  name: string;
}
export interface ResolvedNear {
  kind: "near";
  lat: number;
  lon: number;
  radiusKm: number;
}
export type ResolvedPlace = ResolvedMunicipality | ResolvedProvince | ResolvedNear;

const MUNICIPALITY_CODE = /^GM\d{4}$/;
const PROVINCE_CODE = /^PV\d{2}$/;
const ALIASES: Record<string, string> = { "den bosch": "'s-hertogenbosch", "den haag": "'s-gravenhage" };

export class PlaceRepository {
  constructor(private readonly db: Queryable) {}

  /** Validates a PlaceInput and resolves names and former municipalities (one round trip). */
  async resolve(
    input: PlaceInput | null | undefined,
    argument = "place",
  ): Promise<ResolvedPlace | undefined> {
    if (!input) return undefined;
    const given = [input.municipality, input.province, input.near].filter((v) => v != null);
    if (given.length !== 1) {
      throw badInput(`${argument} needs exactly one of municipality, province or near.`, argument);
    }
    if (input.near) return { kind: "near", ...input.near };
    if (input.province != null) return this.resolveProvince(input.province.trim(), `${argument}.province`);
    return this.resolveMunicipality(String(input.municipality).trim(), `${argument}.municipality`);
  }

  async resolveMunicipality(value: string, argument: string): Promise<ResolvedMunicipality> {
    const byCode = MUNICIPALITY_CODE.test(value.toUpperCase());
    const key = ALIASES[nameKey(value)] ?? nameKey(value);
    if (!value || value.length > 80)
      throw badInput(`${argument} must be a CBS code (GM0363) or a municipality name.`, argument);
    // Follow MERGED_INTO (legal successor first) to the current municipality.
    const rows = await this.db.read(
      `MATCH (m:Municipality)
       WHERE ($byCode AND m.code = $code) OR (NOT $byCode AND m.nameKey = $key)
       OPTIONAL MATCH path = (m)-[:MERGED_INTO*0..4]->(c:Municipality)
       WHERE c.validTo IS NULL AND all(r IN relationships(path) WHERE coalesce(r.legal, true))
       WITH m, c ORDER BY m.validTo IS NULL DESC, length(path)
       OPTIONAL MATCH (c)-[:IN_PROVINCE]->(p:Province)
       RETURN m.name AS requested, c.code AS code, c.name AS name, p.code AS provinceCode
       LIMIT 1`,
      { byCode, code: value.toUpperCase(), key },
    );
    const row = rows[0];
    if (row && typeof row.code === "string") {
      return {
        kind: "municipality",
        code: row.code,
        name: String(row.name),
        requested: String(row.requested),
        provinceCode: typeof row.provinceCode === "string" ? row.provinceCode : null,
      };
    }
    if (byCode) throw badInput(`${argument}: no municipality has CBS code ${value.toUpperCase()}.`, argument);
    const suggestion = await this.suggest("Municipality", key);
    throw badInput(
      `${argument}: unknown municipality "${value}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
      argument,
    );
  }

  async resolveProvince(value: string, argument: string): Promise<ResolvedProvince> {
    const byCode = PROVINCE_CODE.test(value.toUpperCase());
    const rows = await this.db.read(
      `MATCH (p:Province) WHERE ($byCode AND p.code = $code) OR (NOT $byCode AND p.nameKey = $key)
       RETURN p.code AS code, p.name AS name LIMIT 1`,
      { byCode, code: value.toUpperCase(), key: nameKey(value) },
    );
    const row = rows[0];
    if (row) return { kind: "province", code: String(row.code), name: String(row.name) };
    if (byCode)
      throw badInput(`${argument}: no province has code ${value.toUpperCase()} (PV20..PV31).`, argument);
    const suggestion = await this.suggest("Province", nameKey(value));
    throw badInput(
      `${argument}: unknown province "${value}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
      argument,
    );
  }

  async provinces(): Promise<Record<string, unknown>[]> {
    const rows = await this.db.read("MATCH (n:Province) RETURN properties(n) AS p ORDER BY n.name");
    return rows.map((r) => r.p as Record<string, unknown>);
  }

  private async suggest(label: "Municipality" | "Province", key: string): Promise<string | undefined> {
    const rows = await this.db.read(`MATCH (n:${label}) RETURN n.name AS name, n.nameKey AS key`);
    const keys = rows.map((r) => String(r.key));
    if (keys.length === 0) return undefined;
    const best = closest(key, keys);
    if (distance(key, best) > Math.max(2, Math.floor(key.length / 3))) return undefined;
    return String(rows.find((r) => r.key === best)?.name);
  }
}

/**
 * The Cypher condition "node `o` (an organisation) works in the place": active in or based in it; a
 * regional organisation active in the place's province counts too; national ones only when asked.
 */
export function placeParams(place: ResolvedPlace | undefined): Record<string, unknown> {
  if (!place) return { placeKind: null };
  if (place.kind === "near")
    return { placeKind: "near", lat: place.lat, lon: place.lon, radiusM: place.radiusKm * 1000 };
  if (place.kind === "province") return { placeKind: "province", provinceCode: place.code };
  return { placeKind: "municipality", municipalityCode: place.code, provinceCode: place.provinceCode };
}
