import { type FormEvent, useMemo, useRef, useState } from "react";
import { Heading } from "@nl-design-system-candidate/heading-react/css";
import { Button } from "@nl-design-system-candidate/button-react/css";
import { useSearchParams } from "wouter";
import { useQuery } from "../api/use-query";
import { ErrorMessage, Loading, usePageTitle } from "../components/status";
import { PROJECTION_LABEL, formatFine, formatNumber } from "../format";
import {
  type NetworkProjection,
  VerkennerNetworkDocument,
  type VerkennerNetworkQuery,
  VerkennerTopicsDocument,
} from "../gql/graphql";
import { NetworkCanvas, type NetworkCanvasHandle } from "../network/network-canvas";
import { NetworkTable } from "../network/network-table";
import {
  CENTRALITIES,
  type Centrality,
  buildGraph,
  normaliseNetwork,
  communityColour,
  neighbourhood,
} from "../network/network.graph";

const PROJECTIONS = Object.keys(PROJECTION_LABEL) as NetworkProjection[];
const isProjection = (value: string | null): value is NetworkProjection =>
  value !== null && (PROJECTIONS as string[]).includes(value);

export default function NetworkPage() {
  usePageTitle("Netwerk");
  const [params, setParams] = useSearchParams();
  const projectionParam = params.get("projectie");
  const projection: NetworkProjection = isProjection(projectionParam)
    ? projectionParam
    : "SHARED_INITIATIVES";
  const topic = params.get("onderwerp") ?? "";
  const province = params.get("provincie") ?? "";
  const choices = useQuery(VerkennerTopicsDocument, {});
  const filter = { topic: topic || undefined, place: province ? { province } : undefined };
  const state = useQuery(VerkennerNetworkDocument, { projection, filter, maxNodes: 2000 });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ["projectie", "onderwerp", "provincie"]) {
      const value = form.get(name);
      if (typeof value === "string" && value) next.set(name, value);
    }
    setParams(next);
  };

  const exportQuery = new URLSearchParams({ projection: projection.toLowerCase().replaceAll("_", "-") });
  if (topic) exportQuery.set("topic", topic);
  if (province) exportQuery.set("province", province);

  return (
    <>
      <Heading level={1}>Netwerk</Heading>
      <p className="lead">
        Hoe organisaties met elkaar verbonden zijn. Grootte: de gekozen centraliteit; kleur: de gemeenschap;
        namen: de bruggen tussen het medische en het sociale domein.
      </p>
      <form className="network-form" onSubmit={submit} key={params.toString()}>
        <p>
          <label htmlFor="projectie">Verbonden door</label>
          <select id="projectie" name="projectie" defaultValue={projection}>
            {PROJECTIONS.map((p) => (
              <option key={p} value={p}>
                {PROJECTION_LABEL[p]}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor="netwerk-onderwerp">Onderwerp</label>
          <select id="netwerk-onderwerp" name="onderwerp" defaultValue={topic}>
            <option value="">alle onderwerpen</option>
            {choices.status === "done" &&
              choices.data.topics.edges.map(({ node }) => (
                <option key={node.key} value={node.key}>
                  {node.name}
                </option>
              ))}
          </select>
        </p>
        <p>
          <label htmlFor="netwerk-provincie">Provincie</label>
          <select id="netwerk-provincie" name="provincie" defaultValue={province}>
            <option value="">heel Nederland</option>
            {choices.status === "done" &&
              choices.data.provinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
          </select>
        </p>
        <Button type="submit" purpose="primary">
          Toon netwerk
        </Button>
      </form>
      {state.status === "loading" || state.status === "idle" ? (
        <Loading what="het netwerk" />
      ) : state.status === "error" ? (
        <ErrorMessage message={state.message} />
      ) : (
        <NetworkView data={state.data} exportQuery={exportQuery.toString()} />
      )}
    </>
  );
}

function NetworkView({ data, exportQuery }: { data: VerkennerNetworkQuery; exportQuery: string }) {
  const network = useMemo(() => normaliseNetwork(data.network), [data]);
  const [centrality, setCentrality] = useState<Centrality>("pageRank");
  const [focusId, setFocusId] = useState<string | null>(null);
  const [depth, setDepth] = useState(1);
  const [search, setSearch] = useState("");
  const [notFound, setNotFound] = useState(false);
  const canvas = useRef<NetworkCanvasHandle>(null);
  const bridges = useMemo(() => new Set(data.bridges.items.map((b) => b.node.organisation.id)), [data]);
  const graph = useMemo(() => buildGraph(network, centrality, bridges), [network, centrality, bridges]);
  const focus = useMemo(
    () => (focusId ? neighbourhood(graph, focusId, depth) : null),
    [graph, focusId, depth],
  );
  const focused = network.nodes.find((n) => n.id === focusId);
  const byName = useMemo(() => new Map(network.nodes.map((n) => [n.name.toLowerCase(), n.id])), [network]);

  const focusSearch = (event: FormEvent) => {
    event.preventDefault();
    const wanted = search.trim().toLowerCase();
    const id = byName.get(wanted) ?? network.nodes.find((n) => n.name.toLowerCase().includes(wanted))?.id;
    setNotFound(!id);
    if (id) setFocusId(id);
  };
  const s = network.summary;

  return (
    <div className="network">
      <section aria-labelledby="dashboard-kop" className="dashboard">
        <h2 id="dashboard-kop">Samenvatting</h2>
        <dl className="figures">
          <div>
            <dt>Organisaties</dt>
            <dd data-testid="summary-nodes">{s.nodes}</dd>
          </div>
          <div>
            <dt>Banden</dt>
            <dd>{s.edges}</dd>
          </div>
          <div>
            <dt>Dichtheid</dt>
            <dd>{formatFine(s.density)}</dd>
          </div>
          <div>
            <dt>Componenten</dt>
            <dd>{s.components}</dd>
          </div>
          <div>
            <dt>Modulariteit</dt>
            <dd>{network.modularity == null ? "–" : formatFine(network.modularity)}</dd>
          </div>
          <div>
            <dt>Diameter</dt>
            <dd>{s.diameter}</dd>
          </div>
          <div>
            <dt>Gem. padlengte</dt>
            <dd>{formatNumber(s.averagePathLength)}</dd>
          </div>
        </dl>
        {s.truncated && (
          <p className="meta">
            Ingekort: {s.nodes} van {s.totalNodes} organisaties (die met de meeste banden).
          </p>
        )}
      </section>

      <div className="network__tools">
        <form className="focus-form" onSubmit={focusSearch}>
          <p>
            <label htmlFor="focus-zoek">Focus op organisatie</label>
            <input
              id="focus-zoek"
              list="netwerk-namen"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              autoComplete="off"
            />
            <datalist id="netwerk-namen">
              {network.nodes.map((n) => (
                <option key={n.id} value={n.name} />
              ))}
            </datalist>
          </p>
          <Button type="submit">Focus</Button>
          {focusId && (
            <Button type="button" purpose="subtle" onClick={() => setFocusId(null)}>
              Focus opheffen
            </Button>
          )}
          {notFound && <p role="alert">Geen organisatie met die naam in dit netwerk.</p>}
        </form>
        <p>
          <label htmlFor="diepte">Stappen vanaf de focus: {depth}</label>
          <input
            id="diepte"
            type="range"
            min={1}
            max={3}
            step={1}
            value={depth}
            onChange={(e) => setDepth(Number(e.target.value))}
          />
        </p>
        <p>
          <label htmlFor="centraliteit">Grootte naar</label>
          <select
            id="centraliteit"
            value={centrality}
            onChange={(e) => setCentrality(e.target.value as Centrality)}
          >
            {CENTRALITIES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </p>
      </div>
      <p
        role="status"
        className="focus-status"
        data-focus={focused?.key ?? ""}
        data-focus-count={focus?.size ?? 0}
      >
        {focused && focus
          ? `Focus: ${focused.name}, met ${focus.size - 1} organisaties binnen ${depth} ${depth === 1 ? "stap" : "stappen"}.`
          : "Geen focus: het hele netwerk."}
      </p>

      <NetworkCanvas ref={canvas} graph={graph} focus={focus} focusNode={focusId} onSelect={setFocusId} />

      <section aria-labelledby="legenda-kop" className="legend-panel">
        <h2 id="legenda-kop">Legenda</h2>
        <ul className="legend-list">
          {network.communities.slice(0, 11).map((c) => (
            <li key={c.id}>
              <span className="swatch" style={{ background: communityColour(c.id) }} aria-hidden="true" />
              Gemeenschap {c.id} ({c.size}):{" "}
              {c.members
                .slice(0, 2)
                .map((m) => m.name)
                .join(", ")}
            </li>
          ))}
          {network.communities.length > 11 && (
            <li>
              <span className="swatch" style={{ background: communityColour(99) }} aria-hidden="true" />
              {network.communities.length - 11} kleinere gemeenschappen
            </li>
          )}
        </ul>
        <p className="meta">
          Grootte van een bol: {CENTRALITIES.find((c) => c.value === centrality)?.label}. Namen staan altijd
          bij de {bridges.size} sterkste bruggen tussen medisch en sociaal domein, en bij grote bollen als u
          inzoomt.
        </p>
      </section>

      <section aria-labelledby="export-kop" className="export-panel">
        <h2 id="export-kop">Exporteren</h2>
        <ul className="export-list">
          <li>
            <a className="nl-link" href={`/export/network.gexf?${exportQuery}`} download>
              GEXF (Gephi)
            </a>
          </li>
          <li>
            <a className="nl-link" href={`/export/network.graphml?${exportQuery}`} download>
              GraphML
            </a>
          </li>
          <li>
            <a className="nl-link" href={`/export/network.csv?${exportQuery}&part=nodes`} download>
              CSV: organisaties
            </a>
          </li>
          <li>
            <a className="nl-link" href={`/export/network.csv?${exportQuery}&part=edges`} download>
              CSV: banden
            </a>
          </li>
          <li>
            <button
              type="button"
              className="secondary-button"
              onClick={() => void canvas.current?.downloadPng("netwerk")}
            >
              PNG-afbeelding
            </button>
          </li>
        </ul>
      </section>

      <section aria-labelledby="tabel-kop">
        <h2 id="tabel-kop">Het netwerk als tabel</h2>
        <NetworkTable nodes={network.nodes} focus={focus} onFocus={setFocusId} />
      </section>
    </div>
  );
}
