import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
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
 * or internet access. Rendered once, on first request.
 */
export function graphiqlHandler(endpoint: string): (req: Request, res: Response) => void {
  let html: string | undefined;
  return (_req, res) => {
    html ??= renderGraphiQL({
      endpoint,
      title: "Kennisgraaf zorg en welzijn",
      defaultQuery: GRAPHIQL_EXAMPLE,
    });
    res.type("html").send(html);
  };
}
