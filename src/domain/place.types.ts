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
}
export interface ResolvedNear {
  kind: "near";
  lat: number;
  lon: number;
  radiusKm: number;
}
export type ResolvedPlace = ResolvedMunicipality | ResolvedProvince | ResolvedNear;
