import { type FormEvent, useState } from "react";
import { Heading } from "@nl-design-system-candidate/heading-react/css";
import { Button } from "@nl-design-system-candidate/button-react/css";
import { Link, useSearchParams } from "wouter";
import { type MunicipalityItem, useMunicipalities } from "../api/municipalities";
import { useQuery } from "../api/use-query";
import { ErrorMessage, Loading, usePageTitle } from "../components/status";
import { EVIDENCE_KIND_LABEL, SCOPE_LABEL, formatNumber } from "../format";
import {
  type PlaceInput,
  VerkennerTopicsDocument,
  VerkennerWhoWorksOnDocument,
  type VerkennerWhoWorksOnQuery,
} from "../gql/graphql";
import { type MapMarker, type MapPoint, NlMap } from "../map/nl-map";

type PlaceKind = "land" | "gemeente" | "provincie" | "punt";
const PLACE_KINDS: { value: PlaceKind; label: string }[] = [
  { value: "land", label: "Heel Nederland" },
  { value: "gemeente", label: "Gemeente" },
  { value: "provincie", label: "Provincie" },
  { value: "punt", label: "Punt met straal" },
];

interface Question {
  topic: string;
  kind: PlaceKind;
  municipality: string;
  province: string;
  lat: string;
  lon: string;
  radius: string;
  national: string;
}

const FIELDS = {
  topic: "onderwerp",
  kind: "plaats",
  municipality: "gemeente",
  province: "provincie",
  lat: "lat",
  lon: "lon",
  radius: "straal",
  national: "landelijk",
} as const;

function questionOf(params: URLSearchParams): Question {
  const get = (field: keyof Question) => params.get(FIELDS[field]) ?? "";
  const kind = get("kind");
  return {
    topic: get("topic"),
    kind: PLACE_KINDS.some((k) => k.value === kind)
      ? (kind as PlaceKind)
      : get("municipality")
        ? "gemeente"
        : "land",
    municipality: get("municipality"),
    province: get("province"),
    lat: get("lat"),
    lon: get("lon"),
    radius: get("radius") || "25",
    national: get("national") === "ja" ? "ja" : "",
  };
}

/** The municipality typed or chosen, by code or by (former) name. */
function findMunicipality(all: MunicipalityItem[] | undefined, text: string): MunicipalityItem | undefined {
  const wanted = text.trim().toLowerCase();
  return all?.find((m) => m.code.toLowerCase() === wanted || m.name.toLowerCase() === wanted);
}

function placeOf(q: Question, all: MunicipalityItem[] | undefined): PlaceInput | undefined | null {
  switch (q.kind) {
    case "gemeente": {
      if (!q.municipality.trim()) return null;
      return { municipality: findMunicipality(all, q.municipality)?.code ?? q.municipality.trim() };
    }
    case "provincie":
      return q.province ? { province: q.province } : null;
    case "punt": {
      const [lat, lon, radiusKm] = [Number(q.lat), Number(q.lon), Number(q.radius)];
      if (!q.lat || !q.lon || ![lat, lon, radiusKm].every(Number.isFinite)) return null;
      return { near: { lat, lon, radiusKm } };
    }
    default:
      return undefined;
  }
}

export function WhoWorksOnPage() {
  usePageTitle("Wie werkt waaraan, waar");
  const [params, setParams] = useSearchParams();
  const asked = questionOf(params);
  const [draft, setDraft] = useState<Question>(asked);
  const municipalities = useMunicipalities();
  const choices = useQuery(VerkennerTopicsDocument, {});
  const set = (field: keyof Question, value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const field of Object.keys(FIELDS) as (keyof Question)[]) {
      const value = draft[field];
      const relevant =
        field === "topic" ||
        field === "kind" ||
        field === "national" ||
        (draft.kind === "gemeente" && field === "municipality") ||
        (draft.kind === "provincie" && field === "province") ||
        (draft.kind === "punt" && (field === "lat" || field === "lon" || field === "radius"));
      if (relevant && value) next.set(FIELDS[field], value);
    }
    setParams(next);
  };

  const place = placeOf(asked, municipalities);
  const ready = asked.topic && place !== null && (asked.kind !== "gemeente" || municipalities);

  return (
    <>
      <Heading level={1}>Wie werkt waaraan, waar</Heading>
      <p className="lead">
        Kies een onderwerp en een plaats: een gemeente (ook een voormalige), een provincie of een punt met een
        straal. U ziet welke organisaties eraan werken, waarom, en waar op de kaart.
      </p>
      <form className="question-form" onSubmit={submit}>
        <p>
          <label htmlFor="onderwerp">Onderwerp</label>
          <select id="onderwerp" value={draft.topic} onChange={(e) => set("topic", e.target.value)} required>
            <option value="">Kies een onderwerp</option>
            {choices.status === "done" &&
              choices.data.topics.edges.map(({ node }) => (
                <option key={node.key} value={node.key}>
                  {node.name}
                </option>
              ))}
          </select>
        </p>
        <fieldset className="segmented">
          <legend>Plaats</legend>
          {PLACE_KINDS.map((k) => (
            <label key={k.value}>
              <input
                type="radio"
                name="plaats"
                value={k.value}
                checked={draft.kind === k.value}
                onChange={() => set("kind", k.value)}
              />{" "}
              {k.label}
            </label>
          ))}
        </fieldset>
        {draft.kind === "gemeente" && (
          <p>
            <label htmlFor="gemeente">Gemeente (naam of CBS-code, ook voormalige gemeenten)</label>
            <input
              id="gemeente"
              list="gemeenten"
              value={draft.municipality}
              onChange={(e) => set("municipality", e.target.value)}
              autoComplete="off"
            />
            <datalist id="gemeenten">
              {municipalities?.map((m) => (
                <option key={m.code} value={m.name}>
                  {m.current ? m.code : `voormalig, nu ${m.successor?.name ?? "opgeheven"}`}
                </option>
              ))}
            </datalist>
          </p>
        )}
        {draft.kind === "provincie" && (
          <p>
            <label htmlFor="provincie">Provincie</label>
            <select id="provincie" value={draft.province} onChange={(e) => set("province", e.target.value)}>
              <option value="">Kies een provincie</option>
              {choices.status === "done" &&
                choices.data.provinces.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
            </select>
          </p>
        )}
        {draft.kind === "punt" && (
          <div className="point-fields">
            <p>
              <label htmlFor="lat">Breedtegraad</label>
              <input
                id="lat"
                inputMode="decimal"
                value={draft.lat}
                onChange={(e) => set("lat", e.target.value)}
              />
            </p>
            <p>
              <label htmlFor="lon">Lengtegraad</label>
              <input
                id="lon"
                inputMode="decimal"
                value={draft.lon}
                onChange={(e) => set("lon", e.target.value)}
              />
            </p>
            <p>
              <label htmlFor="straal">Straal in km</label>
              <input
                id="straal"
                type="number"
                min={1}
                max={300}
                value={draft.radius}
                onChange={(e) => set("radius", e.target.value)}
              />
            </p>
            <p className="meta">Of klik op de kaart om het punt te kiezen.</p>
          </div>
        )}
        <p className="checkbox">
          <label>
            <input
              type="checkbox"
              checked={draft.national === "ja"}
              onChange={(e) => set("national", e.target.checked ? "ja" : "")}
            />{" "}
            Ook landelijke organisaties
          </label>
        </p>
        <Button type="submit" purpose="primary">
          Toon organisaties
        </Button>
      </form>
      {ready ? (
        <Answer
          topic={asked.topic}
          place={place ?? undefined}
          national={asked.national === "ja"}
          municipalities={municipalities ?? []}
          circle={place?.near ?? undefined}
          onPick={
            draft.kind === "punt"
              ? (lat, lon) => setDraft((d) => ({ ...d, lat: String(lat), lon: String(lon) }))
              : undefined
          }
        />
      ) : (
        asked.topic && <p role="status">Kies de plaats en druk op “Toon organisaties”.</p>
      )}
    </>
  );
}

type Result = VerkennerWhoWorksOnQuery["whoWorksOn"];

function Answer(props: {
  topic: string;
  place: PlaceInput | undefined;
  national: boolean;
  municipalities: MunicipalityItem[];
  circle?: { lat: number; lon: number; radiusKm: number };
  onPick?: (lat: number, lon: number) => void;
}) {
  const state = useQuery(VerkennerWhoWorksOnDocument, {
    topic: props.topic,
    place: props.place,
    scopes: props.national ? ["LOCAL", "REGIONAL", "NATIONAL"] : undefined,
    first: 50,
  });
  if (state.status === "loading" || state.status === "idle") return <Loading what="de organisaties" />;
  if (state.status === "error") return <ErrorMessage message={state.message} />;
  const result = state.data.whoWorksOn;
  const byCode = new Map(props.municipalities.map((m) => [m.code, m]));
  const located = (code: string, name: string): MapPoint | undefined => {
    const m = byCode.get(code);
    return m && m.lat != null && m.lon != null ? { code, name, lat: m.lat, lon: m.lon } : undefined;
  };
  const inResults = new Set<string>();
  for (const edge of result.edges) {
    for (const e of edge.evidence) if (e.place?.__typename === "Municipality") inResults.add(e.place.code);
  }
  const counts = new Map<string, { name: string; count: number }>();
  for (const activity of state.data.topic?.places.municipalities ?? []) {
    if (activity.place.__typename === "Municipality")
      counts.set(activity.place.code, { name: activity.place.name, count: activity.organisationCount });
  }
  for (const code of inResults)
    if (!counts.has(code)) counts.set(code, { name: byCode.get(code)?.name ?? code, count: 1 });
  const markers: MapMarker[] = [];
  for (const [code, { name, count }] of counts) {
    const point = located(code, name);
    if (point) markers.push({ ...point, count, inResults: inResults.has(code) });
  }
  markers.sort((a, b) => b.count - a.count);
  const background = props.municipalities
    .filter((m) => m.current && m.lat != null && m.lon != null)
    .map((m) => ({ code: m.code, name: m.name, lat: m.lat ?? 0, lon: m.lon ?? 0 }));
  const resolved = result.resolvedPlace;
  const focus =
    resolved?.__typename === "Municipality" && resolved.lat != null && resolved.lon != null
      ? { code: resolved.code, name: resolved.name, lat: resolved.lat, lon: resolved.lon }
      : undefined;

  return (
    <div className="answer">
      <section aria-labelledby="antwoord-kop" className="answer__list">
        <h2 id="antwoord-kop" aria-live="polite">
          {result.totalCount} organisaties werken aan {result.topic.name}
          {resolved?.__typename === "SearchCircle"
            ? ` binnen ${resolved.radiusKm.toLocaleString("nl-NL")} km`
            : resolved
              ? ` in ${resolved.name}`
              : ""}
        </h2>
        <ResultList result={result} />
      </section>
      <section aria-labelledby="kaart-kop" className="answer__map">
        <h2 id="kaart-kop">Kaart</h2>
        <NlMap
          title={`Kaart van Nederland: gemeenten waar aan ${result.topic.name} gewerkt wordt`}
          background={background}
          markers={markers}
          circle={props.circle}
          focus={focus}
          onPick={props.onPick}
        />
        <p className="legend">
          <span className="legend__dot legend__dot--topic" aria-hidden="true" /> werkt aan het onderwerp
          (grootte: aantal organisaties){" "}
          <span className="legend__dot legend__dot--result" aria-hidden="true" /> in de resultaten
        </p>
        <details>
          <summary>Gemeenten op de kaart als lijst ({markers.length})</summary>
          <table className="data-table">
            <caption>Gemeenten waar aan {result.topic.name} gewerkt wordt</caption>
            <thead>
              <tr>
                <th scope="col">Gemeente</th>
                <th scope="col">Organisaties</th>
                <th scope="col">In de resultaten</th>
              </tr>
            </thead>
            <tbody>
              {markers.map((m) => (
                <tr key={m.code}>
                  <th scope="row">{m.name}</th>
                  <td>{m.count}</td>
                  <td>{m.inResults ? "ja" : "nee"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </div>
  );
}

function ResultList({ result }: { result: Result }) {
  if (result.edges.length === 0)
    return <p>Geen organisaties gevonden. Kies een grotere straal of een andere plaats.</p>;
  return (
    <ol className="ranked">
      {result.edges.map((edge) => (
        <li key={edge.node.key}>
          <div className="ranked__head">
            <Link href={`/organisatie/${encodeURIComponent(edge.node.key)}`}>{edge.node.name}</Link>
            <span className="meta">
              {edge.node.kind} · {SCOPE_LABEL[edge.node.scope] ?? edge.node.scope} · score{" "}
              {formatNumber(edge.score)}
            </span>
          </div>
          <ul className="evidence">
            {edge.evidence.map((e, i) => (
              <li key={i}>
                <span className="nl-data-badge">{EVIDENCE_KIND_LABEL[e.kind] ?? e.kind}</span> {e.description}
              </li>
            ))}
            {edge.evidenceCount > edge.evidence.length && (
              <li className="meta">en nog {edge.evidenceCount - edge.evidence.length} andere aanwijzingen</li>
            )}
          </ul>
        </li>
      ))}
    </ol>
  );
}
