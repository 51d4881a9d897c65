/** A place argument resolved to a current municipality, a province or a circle. */
export interface ResolvedMunicipality {
  kind: "municipality";
  code: string;
  name: string;
  /** The name asked for: differs from `name` for a former municipality or an alias. */
  requested: string;
  provinceCode: string | null;
}
export interface ResolvedProvince {
  kind: "province";
  code: string;
  name: string;
  /**
   * Codes of the municipalities in the province (current and former), read once when the province is
   * resolved: the works-in rule then tests `x.code IN $municipalityCodes` instead of an IN_PROVINCE
   * pattern per candidate place.
   */
  municipalityCodes: string[];
}
export interface ResolvedNear {
  kind: "near";
  lat: number;
  lon: number;
  radiusKm: number;
}
export type ResolvedPlace = ResolvedMunicipality | ResolvedProvince | ResolvedNear;
