import type { Queryable } from "../../db/database";
import {
  MUNICIPALITY_CODE,
  PROVINCE_CODE,
  type ResolvedMunicipality,
  type ResolvedPlace,
  type ResolvedProvince,
  ambiguousMessage,
  closestName,
  interpretPlace,
  nameKey,
} from "../../domain";
import { badInput } from "../../errors";
import { ConditionBuilder, NAME_CONTAINS } from "../common/condition.builder";
import type { ListCondition } from "../common/root.loader";
import type { PlaceInput } from "./place.input";

// Partner suggestions still import these from here; their home is src/domain.
export { type ResolvedPlace, placeParams } from "../../domain";

/**
 * A province argument checked but not read: its code or the key of its name. A query that reads the
 * province itself takes it (whoWorksOn, decision 0053); when that query finds none, `resolve` says why.
 */
export interface AskedProvince {
  kind: "province";
  code: string | null;
  nameKey: string | null;
}

/** Checks a province argument's form (code pattern, ambiguous name) without a round trip. */
function askProvince(value: string, argument: string): AskedProvince {
  const query = interpretPlace(value);
  if (query.kind === "ambiguous")
    throw badInput(`${argument}: ${ambiguousMessage(value, query.candidates)}.`, argument);
  if (query.kind === "code" && !PROVINCE_CODE.test(query.code))
    throw badInput(`${argument} must be a province code (PV20..PV31) or a name.`, argument);
  return {
    kind: "province",
    code: query.kind === "code" ? query.code : null,
    nameKey: query.kind === "name" ? query.key : null,
  };
}

export class PlaceRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * As `resolve`, except that a province is only checked, not read (no round trip): for a query that
   * reads it itself and calls `resolve` for the error when it finds none.
   */
  async resolveOrAsk(
    input: PlaceInput | null | undefined,
    argument = "place",
  ): Promise<ResolvedPlace | AskedProvince | undefined> {
    if (input?.province != null && input.municipality == null && input.near == null)
      return askProvince(input.province.trim(), `${argument}.province`);
    return this.resolve(input, argument);
  }

  /** Validates a PlaceInput and resolves codes, names, former names and aliases (one round trip). */
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
    if (!value || value.length > 80)
      throw badInput(`${argument} must be a CBS code (GM0363) or a municipality name.`, argument);
    const query = interpretPlace(value);
    if (query.kind === "ambiguous")
      throw badInput(`${argument}: ${ambiguousMessage(value, query.candidates)}.`, argument);
    if (query.kind === "code" && !MUNICIPALITY_CODE.test(query.code))
      throw badInput(`${argument} must be a CBS municipality code (GM0363) or a name.`, argument);
    const byCode = query.kind === "code";
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
      {
        byCode,
        code: query.kind === "code" ? query.code : null,
        key: query.kind === "name" ? query.key : null,
      },
    );
    const row = rows[0];
    if (row && typeof row.code === "string") {
      return {
        kind: "municipality",
        code: row.code,
        name: String(row.name),
        requested: query.kind === "name" && query.alias ? value : String(row.requested),
        provinceCode: typeof row.provinceCode === "string" ? row.provinceCode : null,
      };
    }
    if (byCode) throw badInput(`${argument}: no municipality has CBS code ${value.toUpperCase()}.`, argument);
    const suggestion = await this.suggest("Municipality", value);
    throw badInput(
      `${argument}: unknown municipality "${value}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
      argument,
    );
  }

  async resolveProvince(value: string, argument: string): Promise<ResolvedProvince> {
    const asked = askProvince(value, argument);
    const byCode = asked.code !== null;
    const rows = await this.db.read(
      `MATCH (p:Province) WHERE ($byCode AND p.code = $code) OR (NOT $byCode AND p.nameKey = $key)
       RETURN p.code AS code, p.name AS name,
              COLLECT { MATCH (m:Municipality)-[:IN_PROVINCE]->(p) RETURN m.code } AS municipalityCodes
       LIMIT 1`,
      { byCode, code: asked.code, key: asked.nameKey },
    );
    const row = rows[0];
    if (row)
      return {
        kind: "province",
        code: String(row.code),
        name: String(row.name),
        municipalityCodes: (row.municipalityCodes as unknown[]).map(String),
      };
    if (byCode)
      throw badInput(`${argument}: no province has code ${value.toUpperCase()} (PV20..PV31).`, argument);
    const suggestion = await this.suggest("Province", value);
    throw badInput(
      `${argument}: unknown province "${value}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
      argument,
    );
  }

  async provinces(): Promise<Record<string, unknown>[]> {
    const rows = await this.db.read(
      "MATCH (n:Province) RETURN properties(n) AS p ORDER BY n.sortKey, n.code",
    );
    return rows.map((r) => r.p as Record<string, unknown>);
  }

  private async suggest(label: "Municipality" | "Province", value: string): Promise<string | undefined> {
    const rows = await this.db.read(`MATCH (n:${label}) RETURN n.name AS name`);
    return closestName(
      value,
      rows.map((r) => String(r.name)),
    );
  }
}

/** The municipalities list's filter (province already resolved) as Cypher over `n`. */
export function municipalityListCondition(filter: {
  includeFormer: boolean;
  name: string | null;
  province: string | null;
}): ListCondition {
  return new ConditionBuilder()
    .whenTrue(!filter.includeFormer, "n.validTo IS NULL")
    .when(filter.name, "name", NAME_CONTAINS, nameKey)
    .when(filter.province, "province", "EXISTS { (n)-[:IN_PROVINCE]->(:Province {code: $province}) }")
    .build();
}
