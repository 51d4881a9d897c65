/** CBS code formats and the bounds of the Netherlands: the one definition for API, seed and export. */

export const MUNICIPALITY_CODE = /^GM\d{4}$/;
export const PROVINCE_CODE = /^PV\d{2}$/;
export const PLACE_CODE = /^(GM\d{4}|PV\d{2})$/;

/**
 * A box around the European Netherlands (southernmost point Vaals 50.75 N, westernmost Cadzand
 * 3.36 E). Seeded centroids and the centre of a "near" circle must lie inside it.
 */
export const NL_BOUNDS = { minLat: 50.7, maxLat: 53.7, minLon: 3.3, maxLon: 7.3 } as const;

/** Radius of a "near" circle in kilometres. */
export const NEAR_RADIUS_KM = { min: 0.1, max: 300 } as const;

export function insideNetherlands(lat: number, lon: number): boolean {
  return (
    lat >= NL_BOUNDS.minLat && lat <= NL_BOUNDS.maxLat && lon >= NL_BOUNDS.minLon && lon <= NL_BOUNDS.maxLon
  );
}

export const NEAR_RULE = `lat ${NL_BOUNDS.minLat}..${NL_BOUNDS.maxLat}, lon ${NL_BOUNDS.minLon}..${NL_BOUNDS.maxLon}, radiusKm ${NEAR_RADIUS_KM.min}..${NEAR_RADIUS_KM.max}`;
