import { InMemoryCache, gql } from "@apollo/client";
import { type DocumentNode, print } from "graphql";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The contract a normalised client cache relies on: every object with an `id` is a Node with a globally
 * unique id, so answers to different questions never overwrite each other in Apollo's InMemoryCache.
 * Each answer comes from the real service; the cache adds `__typename` as a client would.
 */
describe("answers in a normalised cache (Apollo InMemoryCache)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  /** Asks the service the query as Apollo sends it (with __typename) and returns the cache's document. */
  async function ask(cache: InMemoryCache, query: DocumentNode, variables: Record<string, unknown>) {
    const document = cache.transformDocument(query);
    const res = await server.gql<Record<string, unknown>>(print(document), variables);
    expect(res.errors).toBeUndefined();
    return { document, data: res.data! };
  }

  const NETWORK = gql`
    query Network($projection: NetworkProjection!) {
      network(projection: $projection, filter: { topic: "toegankelijkheid" }) {
        identity
        nodes {
          key
          name
          degree
          weightedDegree
          community
          organisation {
            id
            name
          }
        }
        edges {
          source
          target
          weight
          shared {
            type
            nodeId
            key
            name
          }
        }
        communities {
          index
          size
          members {
            key
            degree
          }
        }
      }
    }
  `;

  type NetworkData = {
    network: { identity: string; nodes: { key: string; degree: number }[] };
  };

  it("keeps two network answers apart, although they share organisations", async () => {
    const cache = new InMemoryCache();
    const a = await ask(cache, NETWORK, { projection: "SHARED_INITIATIVES" });
    const b = await ask(cache, NETWORK, { projection: "SHARED_TOPICS" });
    const [na, nb] = [a.data as NetworkData, b.data as NetworkData];

    // The two answers disagree about an organisation both contain: the case that used to collide.
    const degreesA = new Map(na.network.nodes.map((n) => [n.key, n.degree]));
    const differing = nb.network.nodes.filter((n) => degreesA.has(n.key) && degreesA.get(n.key) !== n.degree);
    expect(differing.length).toBeGreaterThan(0);
    expect(na.network.identity).not.toBe(nb.network.identity);

    cache.writeQuery({ query: a.document, variables: { projection: "SHARED_INITIATIVES" }, data: a.data });
    cache.writeQuery({ query: b.document, variables: { projection: "SHARED_TOPICS" }, data: b.data });

    expect(cache.readQuery({ query: a.document, variables: { projection: "SHARED_INITIATIVES" } })).toEqual(
      a.data,
    );
    expect(cache.readQuery({ query: b.document, variables: { projection: "SHARED_TOPICS" } })).toEqual(
      b.data,
    );
  });

  const PARTNERS = gql`
    query Partners($organisation: ID!, $mode: MatchMode) {
      partnerSuggestions(organisation: $organisation, topic: "toegankelijkheid", mode: $mode, first: 5) {
        rank
        score
        explanation
        organisation {
          id
          name
          kind
        }
        components {
          name
          contribution
        }
        paths {
          kind
          explanation
          nodes {
            type
            nodeId
            key
            name
          }
        }
      }
    }
  `;

  it("keeps two partner answers apart", async () => {
    const cache = new InMemoryCache();
    const first = { organisation: "crohn-colitis-nl", mode: "COMPLEMENTARY" };
    const second = { organisation: "crohn-colitis-nl", mode: "SIMILAR" };
    const a = await ask(cache, PARTNERS, first);
    const b = await ask(cache, PARTNERS, second);
    const suggestions = (d: Record<string, unknown>) =>
      d.partnerSuggestions as { score: number; organisation: { id: string } }[];
    expect(suggestions(a.data).length).toBeGreaterThan(0);
    expect(suggestions(b.data).length).toBeGreaterThan(0);
    // Different questions, different answers: otherwise the test could not see an overwrite.
    expect(JSON.stringify(a.data)).not.toBe(JSON.stringify(b.data));

    cache.writeQuery({ query: a.document, variables: first, data: a.data });
    cache.writeQuery({ query: b.document, variables: second, data: b.data });

    expect(cache.readQuery({ query: a.document, variables: first })).toEqual(a.data);
    expect(cache.readQuery({ query: b.document, variables: second })).toEqual(b.data);
  });

  it("gives no object an id unless it is a Node", async () => {
    const res = await server.gql<{
      __schema: {
        types: {
          name: string;
          kind: string;
          fields: { name: string }[] | null;
          interfaces: { name: string }[] | null;
        }[];
      };
    }>(`{ __schema { types { name kind fields { name } interfaces { name } } } }`);
    expect(res.errors).toBeUndefined();
    const withId = res.data!.__schema.types.filter(
      (t) => t.kind === "OBJECT" && !t.name.startsWith("__") && t.fields?.some((f) => f.name === "id"),
    );
    expect(withId.length).toBeGreaterThan(5);
    const notNodes = withId.filter((t) => !t.interfaces?.some((i) => i.name === "Node")).map((t) => t.name);
    expect(notNodes).toEqual([]);
  });
});
