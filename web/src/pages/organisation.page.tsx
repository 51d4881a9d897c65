import { Heading } from "@nl-design-system-candidate/heading-react/css";
import { Link } from "wouter";
import { useQuery } from "../api/use-query";
import { ErrorMessage, Loading, usePageTitle } from "../components/status";
import { EXPERIENCE_KIND_LABEL, ROLE_LABEL, SCOPE_LABEL } from "../format";
import { VerkennerOrganisationDocument, type VerkennerOrganisationQuery } from "../gql/graphql";
import { PartnerPanel } from "./partner-panel";

type Organisation = NonNullable<VerkennerOrganisationQuery["organisation"]>;

export function OrganisationPage({ id }: { id: string }) {
  const state = useQuery(VerkennerOrganisationDocument, { id });
  const name = state.status === "done" ? state.data.organisation?.name : undefined;
  usePageTitle(name ?? "Organisatie");
  if (state.status === "loading" || state.status === "idle") return <Loading what="de organisatie" />;
  if (state.status === "error") return <ErrorMessage message={state.message} />;
  const org = state.data.organisation;
  if (!org)
    return (
      <>
        <Heading level={1}>Organisatie niet gevonden</Heading>
        <p>
          Er is geen organisatie met de sleutel “{id}”. <Link href="/">Zoek opnieuw</Link>.
        </p>
      </>
    );
  return (
    <div className="profile">
      <Profile org={org} />
      <PartnerPanel organisation={org.key} name={org.name} topics={org.topics} />
    </div>
  );
}

function Profile({ org }: { org: Organisation }) {
  return (
    <article aria-labelledby="org-naam" className="profile__main">
      <Heading level={1} id="org-naam">
        {org.name}
      </Heading>
      <p className="meta">
        {org.kind} · {SCOPE_LABEL[org.scope] ?? org.scope}
        {org.basedIn && <> · gevestigd in {org.basedIn.name}</>}
        {org.status === "INACTIVE" && <> · niet meer actief</>}
      </p>
      {org.description && <p>{org.description}</p>}
      {org.website && (
        <p>
          Website: <span className="url">{org.website}</span>
        </p>
      )}
      <dl className="facts">
        <dt>Onderwerpen</dt>
        <dd>
          {org.topics.length ? (
            <ul className="chips">
              {org.topics.map((t) => (
                <li key={t.key}>
                  <Link href={`/wie-werkt-waaraan?onderwerp=${encodeURIComponent(t.key)}`}>{t.name}</Link>
                </li>
              ))}
            </ul>
          ) : (
            "geen"
          )}
        </dd>
        <dt>Werkgebied</dt>
        <dd>{org.places.length ? org.places.map((p) => p.name).join(", ") : "landelijk of onbekend"}</dd>
        <dt>Aandoeningen en doelgroepen</dt>
        <dd>{org.conditions.length ? org.conditions.map((c) => c.name).join(", ") : "geen"}</dd>
        {org.memberOf.length > 0 && (
          <>
            <dt>Lid van</dt>
            <dd>
              {org.memberOf.map((m, i) => (
                <span key={m.key}>
                  {i > 0 && ", "}
                  <Link href={`/organisatie/${encodeURIComponent(m.key)}`}>{m.name}</Link>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="initiatieven-kop">
        <h2 id="initiatieven-kop">Initiatieven ({org.initiatives.totalCount})</h2>
        {org.initiatives.edges.length ? (
          <ul className="result-list">
            {org.initiatives.edges.map((e) => (
              <li key={e.node.key}>
                <strong>{e.node.name}</strong>{" "}
                <span className="meta">
                  {e.node.kind} · rol: {ROLE_LABEL[e.role] ?? e.role}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Geen initiatieven bekend.</p>
        )}
      </section>
      <section aria-labelledby="ervaringen-kop">
        <h2 id="ervaringen-kop">Gedeelde ervaringen ({org.experiences.totalCount})</h2>
        {org.experiences.edges.length ? (
          <ul className="result-list">
            {org.experiences.edges.map(({ node }) => (
              <li key={node.key}>
                <strong>{node.title}</strong>{" "}
                <span className="meta">
                  {EXPERIENCE_KIND_LABEL[node.kind] ?? node.kind}
                  {node.date && <> · {node.date}</>}
                </span>
                {node.summary && <span className="meta">{node.summary}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p>Nog geen ervaringen gedeeld.</p>
        )}
      </section>
      {org.events.edges.length > 0 && (
        <section aria-labelledby="bijeenkomsten-kop">
          <h2 id="bijeenkomsten-kop">Bijeenkomsten ({org.events.totalCount})</h2>
          <ul className="result-list">
            {org.events.edges.map((e) => (
              <li key={e.node.key}>
                {e.node.name}{" "}
                <span className="meta">
                  {e.node.date} · {ROLE_LABEL[e.role] ?? e.role}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
