import type { KeyboardEvent, MouseEvent } from "react";

/** A point on the map: a municipality centroid (WGS84). */
export interface MapPoint {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

export interface MapMarker extends MapPoint {
  /** Organisations working on the topic there. */
  count: number;
  /** In the ranked list's evidence. */
  inResults: boolean;
}

// The Netherlands' bounding box; longitude is shrunk by cos(52°) so that the country keeps its shape.
const WEST = 3.2;
const EAST = 7.3;
const SOUTH = 50.7;
const NORTH = 53.6;
const K = 100;
const COS = Math.cos((52.2 * Math.PI) / 180);
const WIDTH = (EAST - WEST) * COS * K;
const HEIGHT = (NORTH - SOUTH) * K;

export const project = (lat: number, lon: number): [number, number] => [
  (lon - WEST) * COS * K,
  (NORTH - lat) * K,
];
const unproject = (x: number, y: number): [number, number] => [NORTH - y / K, WEST + x / (COS * K)];

/**
 * The Netherlands drawn locally from municipality centroids (no tiles, no network): every current
 * municipality a dot, those where the topic is worked on a circle sized by their organisations, those in
 * the ranked list's evidence outlined. Clicking chooses a point (the form's fields do the same by keyboard).
 */
export function NlMap(props: {
  title: string;
  background: MapPoint[];
  markers: MapMarker[];
  circle?: { lat: number; lon: number; radiusKm: number };
  focus?: MapPoint;
  onPick?: (lat: number, lon: number) => void;
}) {
  const pick = (event: MouseEvent<SVGSVGElement>) => {
    if (!props.onPick) return;
    const svg = event.currentTarget;
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    const y = ((event.clientY - box.top) / box.height) * HEIGHT;
    const [lat, lon] = unproject(x, y);
    props.onPick(Math.round(lat * 1000) / 1000, Math.round(lon * 1000) / 1000);
  };
  const maxCount = Math.max(1, ...props.markers.map((m) => m.count));
  const radius = (count: number) => 2 + 7 * Math.sqrt(count / maxCount);
  return (
    <svg
      className="nl-map"
      viewBox={`0 0 ${WIDTH.toFixed(1)} ${HEIGHT.toFixed(1)}`}
      role="img"
      aria-labelledby="kaart-titel"
      onClick={pick}
      onKeyDown={(e: KeyboardEvent) => e.stopPropagation()}
    >
      <title id="kaart-titel">{props.title}</title>
      <g className="nl-map__background">
        {props.background.map((m) => {
          const [x, y] = project(m.lat, m.lon);
          return <circle key={m.code} cx={x} cy={y} r={1.3} />;
        })}
      </g>
      {props.circle && (
        <circle
          className="nl-map__radius"
          cx={project(props.circle.lat, props.circle.lon)[0]}
          cy={project(props.circle.lat, props.circle.lon)[1]}
          r={(props.circle.radiusKm / 111.2) * K}
        />
      )}
      <g className="nl-map__markers">
        {props.markers.map((m) => {
          const [x, y] = project(m.lat, m.lon);
          return (
            <circle
              key={m.code}
              data-code={m.code}
              className={m.inResults ? "nl-map__marker nl-map__marker--result" : "nl-map__marker"}
              cx={x}
              cy={y}
              r={radius(m.count)}
            >
              <title>
                {m.name}: {m.count} organisaties{m.inResults ? ", in de resultaten" : ""}
              </title>
            </circle>
          );
        })}
      </g>
      {props.focus && (
        <g className="nl-map__focus">
          <circle
            cx={project(props.focus.lat, props.focus.lon)[0]}
            cy={project(props.focus.lat, props.focus.lon)[1]}
            r={4}
          />
        </g>
      )}
    </svg>
  );
}
