import { type FormEvent, useState } from "react";
import { Heading } from "@nl-design-system-candidate/heading-react/css";
import { Button } from "@nl-design-system-candidate/button-react/css";
import { Link, useSearchParams } from "wouter";
import { useQuery } from "../api/use-query";
import { FacetGroup } from "../components/facet-group";
import { ErrorMessage, Loading, usePageTitle } from "../components/status";
import { SCOPE_LABEL, SEARCH_TYPE_LABEL } from "../format";
import { VerkennerFacetsDocument, VerkennerSearchDocument, type VerkennerSearchQuery } from "../gql/graphql";
import {
  FACETS,
  type FacetCounts,
  type FacetId,
  type FacetSelection,
  countFacets,
  matchesSelection,
} from "./search.facets";

type Hit = VerkennerSearchQuery["search"]["edges"][number];
type OrganisationHit = Extract<Hit["node"], { __typename: "Organisation" }>;
interface ListedOrganisation {
  key: string;
  name: string;
  kind: string;
  scope: string;
}

const TYPE_ORDER = ["ORGANISATION", "TOPIC", "INITIATIVE", "EXPERIENCE", "EVENT", "CONDITION"];

export function SearchPage() {
  usePageTitle("Zoeken");
  const [params, setParams] = useSearchParams();
  const text = params.get("q")?.trim() ?? "";
  const selection: FacetSelection = Object.fromEntries(
    FACETS.map(({ id }) => [id, params.get(id) ?? undefined]),
  );
  const [draft, setDraft] = useState(text);

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: draft.trim() || undefined });
  };

  return (
    <>
      <Heading level={1}>Zoeken</Heading>
      <p className="lead">
        Zoek organisaties, onderwerpen, initiatieven, ervaringen en bijeenkomsten. Filter de organisaties op
        provincie, onderwerp, soort en aandoening.
      </p>
      <form role="search" className="search-form" onSubmit={submit}>
        <label htmlFor="zoekwoorden">Zoekwoorden</label>
        <div className="search-form__row">
          <input
            id="zoekwoorden"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="bijvoorbeeld: toegankelijkheid, mantelzorg, Utrecht"
          />
          <Button type="submit" purpose="primary">
            Zoeken
          </Button>
        </div>
      </form>
      {text ? (
        <SearchResults text={text} selection={selection} onFacet={(id, v) => update({ [id]: v })} />
      ) : (
        <Browse selection={selection} onFacet={(id, v) => update({ [id]: v })} />
      )}
    </>
  );
}

type OnFacet = (id: FacetId, value: string | undefined) => void;

function FacetPanel(props: { counts: FacetCounts; selection: FacetSelection; onFacet: OnFacet }) {
  return (
    <aside className="facets" aria-labelledby="filters-kop">
      <h2 id="filters-kop" className="facets__title">
        Filters
      </h2>
      {FACETS.map(({ id, label }) => (
        <FacetGroup
          key={id}
          label={label}
          values={props.counts[id]}
          selected={props.selection[id]}
          onChange={(value) => props.onFacet(id, value)}
        />
      ))}
    </aside>
  );
}

function OrganisationList({ organisations }: { organisations: ListedOrganisation[] }) {
  return (
    <ul className="result-list">
      {organisations.map((o) => (
        <li key={o.key}>
          <Link href={`/organisatie/${encodeURIComponent(o.key)}`}>{o.name}</Link>
          <span className="meta">
            {o.kind} · {SCOPE_LABEL[o.scope] ?? o.scope}
          </span>
        </li>
      ))}
    </ul>
  );
}

function SearchResults(props: { text: string; selection: FacetSelection; onFacet: OnFacet }) {
  const state = useQuery(VerkennerSearchDocument, { text: props.text, first: 100 });
  if (state.status === "loading" || state.status === "idle") return <Loading what="de zoekresultaten" />;
  if (state.status === "error") return <ErrorMessage message={state.message} />;
  const edges = state.data.search.edges;
  const organisations = edges
    .map((e) => e.node)
    .filter((n): n is OrganisationHit => n.__typename === "Organisation");
  const counts = countFacets(organisations, props.selection);
  const shown = organisations.filter((o) => matchesSelection(o, props.selection));
  const filtered = FACETS.some(({ id }) => props.selection[id]);
  const groups = TYPE_ORDER.map((type) => ({
    type,
    hits: edges.filter((e) => e.type === type),
  })).filter((g) => g.hits.length > 0 && g.type !== "ORGANISATION");

  return (
    <div className="with-facets">
      <FacetPanel counts={counts} selection={props.selection} onFacet={props.onFacet} />
      <section aria-labelledby="resultaten-kop" className="results">
        <h2 id="resultaten-kop" aria-live="polite">
          {state.data.search.totalCount} resultaten voor “{props.text}”
        </h2>
        {edges.length === 0 && <p>Niets gevonden. Probeer een ander of korter woord.</p>}
        {organisations.length > 0 && (
          <section aria-labelledby="groep-ORGANISATION" className="result-group">
            <h3 id="groep-ORGANISATION">
              {SEARCH_TYPE_LABEL.ORGANISATION} (
              {filtered ? `${shown.length} van ${organisations.length}` : shown.length})
            </h3>
            <OrganisationList organisations={shown} />
          </section>
        )}
        {groups.map((group) => (
          <section key={group.type} aria-labelledby={`groep-${group.type}`} className="result-group">
            <h3 id={`groep-${group.type}`}>
              {SEARCH_TYPE_LABEL[group.type] ?? group.type} ({group.hits.length})
            </h3>
            <ul className="result-list">
              {group.hits.map((hit, i) => (
                <li key={i}>
                  <OtherHit node={hit.node} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </div>
  );
}

function OtherHit({ node }: { node: Hit["node"] }) {
  switch (node.__typename) {
    case "Topic":
      return (
        <>
          <Link href={`/wie-werkt-waaraan?onderwerp=${encodeURIComponent(node.key)}`}>{node.name}</Link>
          {node.description && <span className="meta">{node.description}</span>}
        </>
      );
    case "Initiative":
      return (
        <>
          <strong>{node.name}</strong> <span className="meta">{node.kind}</span>
          {node.goal && <span className="meta">{node.goal}</span>}
        </>
      );
    case "Experience":
      return (
        <>
          <strong>{node.title}</strong>
          {node.summary && <span className="meta">{node.summary}</span>}
        </>
      );
    case "Event":
      return (
        <>
          <strong>{node.name}</strong> <span className="meta">{node.date ?? ""}</span>
        </>
      );
    case "Condition":
      return (
        <>
          <strong>{node.name}</strong> <span className="meta">{node.group}</span>
        </>
      );
    default:
      return null;
  }
}

/** Without search words: the server's facet counts over all organisations, and the organisations. */
function Browse(props: { selection: FacetSelection; onFacet: OnFacet }) {
  const { selection } = props;
  const filter = {
    province: selection.provincie,
    topic: selection.onderwerp,
    kinds: selection.soort ? [selection.soort] : undefined,
    condition: selection.aandoening,
  };
  const state = useQuery(VerkennerFacetsDocument, { filter });
  if (state.status === "loading" || state.status === "idle") return <Loading what="de organisaties" />;
  if (state.status === "error") return <ErrorMessage message={state.message} />;
  const { facets, organisations } = state.data;
  const counts: FacetCounts = {
    provincie: facets.provinces,
    onderwerp: facets.topics,
    soort: facets.kinds,
    aandoening: facets.conditions,
  };
  const list = organisations.edges.map((e) => e.node);
  return (
    <div className="with-facets">
      <FacetPanel counts={counts} selection={selection} onFacet={props.onFacet} />
      <section aria-labelledby="resultaten-kop" className="results">
        <h2 id="resultaten-kop" aria-live="polite">
          {facets.total} organisaties
        </h2>
        <OrganisationList organisations={list} />
        {organisations.totalCount > list.length && (
          <p className="meta">De eerste {list.length} op naam. Zoek of filter om er meer te vinden.</p>
        )}
      </section>
    </div>
  );
}
