import { useId, useState } from "react";
import { Link } from "wouter";
import { useQuery } from "../api/use-query";
import { ErrorMessage, Loading } from "../components/status";
import { COMPONENT_LABEL, formatNumber, formatPercent } from "../format";
import { type MatchMode, VerkennerPartnersDocument, type VerkennerPartnersQuery } from "../gql/graphql";

type Suggestion = VerkennerPartnersQuery["partnerSuggestions"][number];

const MODES: { value: MatchMode; label: string; hint: string }[] = [
  {
    value: "SIMILAR",
    label: "Vergelijkbaar",
    hint: "Organisaties zoals deze: zelfde aandoeningen en soort.",
  },
  {
    value: "COMPLEMENTARY",
    label: "Aanvullend",
    hint: "Zelfde onderwerp, maar een andere achtergrond: over de grenzen van één aandoening heen.",
  },
];

/** Mogelijke partners: both matching modes, scores and their explanation in plain Dutch. */
export function PartnerPanel(props: {
  organisation: string;
  name: string;
  topics: { key: string; name: string }[];
}) {
  const [mode, setMode] = useState<MatchMode>("SIMILAR");
  const [topic, setTopic] = useState("");
  const modeName = useId();
  const state = useQuery(VerkennerPartnersDocument, {
    organisation: props.organisation,
    mode,
    topic: topic || undefined,
    first: 10,
  });
  return (
    <aside aria-labelledby="partners-kop" className="profile__partners panel">
      <h2 id="partners-kop">Mogelijke partners</h2>
      <fieldset className="segmented">
        <legend>Soort partner</legend>
        {MODES.map((m) => (
          <label key={m.value}>
            <input
              type="radio"
              name={modeName}
              value={m.value}
              checked={mode === m.value}
              onChange={() => setMode(m.value)}
            />{" "}
            {m.label}
          </label>
        ))}
      </fieldset>
      <p className="meta">{MODES.find((m) => m.value === mode)?.hint}</p>
      {props.topics.length > 0 && (
        <p>
          <label htmlFor="partner-onderwerp">Onderwerp</label>{" "}
          <select id="partner-onderwerp" value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">alle onderwerpen</option>
            {props.topics.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </p>
      )}
      {state.status === "loading" || state.status === "idle" ? (
        <Loading what="de suggesties" />
      ) : state.status === "error" ? (
        <ErrorMessage message={state.message} />
      ) : state.data.partnerSuggestions.length === 0 ? (
        <p>Geen suggesties gevonden.</p>
      ) : (
        <ol className="partners" aria-live="polite">
          {state.data.partnerSuggestions.map((s) => (
            <PartnerItem
              key={s.organisation.key}
              suggestion={s}
              best={state.data.partnerSuggestions[0]?.score ?? 1}
            />
          ))}
        </ol>
      )}
    </aside>
  );
}

function PartnerItem({ suggestion: s, best }: { suggestion: Suggestion; best: number }) {
  return (
    <li className="partner">
      <div className="partner__head">
        <Link href={`/organisatie/${encodeURIComponent(s.organisation.key)}`}>{s.organisation.name}</Link>
        <span className="partner__score" title="Score: de som van de vier onderdelen">
          score {formatNumber(s.score)}
        </span>
      </div>
      <meter min={0} max={best || 1} value={s.score} aria-label={`Score ${formatNumber(s.score)}`} />
      <p className="partner__explanation">{s.explanation}</p>
      <details>
        <summary>Waarom deze partner?</summary>
        <table className="data-table">
          <caption>Opbouw van de score van {s.organisation.name}</caption>
          <thead>
            <tr>
              <th scope="col">Onderdeel</th>
              <th scope="col">Waarde</th>
              <th scope="col">Gewicht</th>
              <th scope="col">Bijdrage</th>
            </tr>
          </thead>
          <tbody>
            {s.components.map((c) => (
              <tr key={c.name}>
                <th scope="row">{COMPONENT_LABEL[c.name] ?? c.name}</th>
                <td>{formatPercent(c.value)}</td>
                <td>{formatNumber(c.weight)}</td>
                <td>{formatNumber(c.contribution)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="components">
          {s.components.map((c) => (
            <li key={c.name}>
              <strong>{COMPONENT_LABEL[c.name] ?? c.name}:</strong> {c.explanation}
            </li>
          ))}
        </ul>
        {s.sharedTopics.length > 0 && (
          <p>Gedeelde onderwerpen: {s.sharedTopics.map((t) => t.topic.name).join(", ")}.</p>
        )}
        {s.sharedPlaces.length > 0 && <p>Samen actief in: {s.sharedPlaces.map((p) => p.name).join(", ")}.</p>}
        {s.paths.length > 0 && (
          <ul className="paths">
            {s.paths.slice(0, 5).map((p, i) => (
              <li key={i}>{p.explanation}</li>
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}
