import type { Request, Response } from "express";

export const GRAPHIQL_EXAMPLE = `# Who works on "samenwerken met de gemeente" in Noord-Brabant?
query WhoWorksOn {
  whoWorksOn(topic: "samenwerken-met-de-gemeente", place: { province: "Noord-Brabant" }, first: 10) {
    totalCount
    edges {
      score
      node { name kind scope }
      evidence { kind description }
    }
  }
}
`;

/**
 * GraphiQL served from this process: the page inlines GraphiQL and its editor, so it works without a CDN
 * or internet access. The renderer (about 40 MB once loaded) is imported on the first request for the
 * page, not at start: a service nobody opens GraphiQL on never holds it. Rendered once.
 */
export function graphiqlHandler(endpoint: string): (req: Request, res: Response) => Promise<void> {
  let html: Promise<string> | undefined;
  return async (_req, res) => {
    html ??= import("@graphql-yoga/render-graphiql").then(({ renderGraphiQL }) =>
      renderGraphiQL({ endpoint, title: "Kennisgraaf zorg en welzijn", defaultQuery: GRAPHIQL_EXAMPLE }),
    );
    res.type("html").send(await html);
  };
}
