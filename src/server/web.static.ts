import { existsSync } from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { projectPath } from "../paths";

/** The built Verkenner (`npm run build:web`): index.html, hashed assets and its trusted documents. */
export const WEB_DIST = projectPath("web", "dist");

/** The web app's persisted-documents manifest, copied into the build (hash → operation text). */
export const WEB_TRUSTED_DOCUMENTS_FILE = path.join(WEB_DIST, "persisted-documents.json");

/** Client-side routes of the Verkenner; every other unknown path stays a JSON 404 of the API. */
const CLIENT_ROUTE = /^\/(?:$|zoeken|organisatie|wie-werkt-waaraan|netwerk)(?:\/[^.]*)?$/;
/** API paths the web app must never answer, even when a file of that name existed in the build. */
const RESERVED = /^\/(?:graphql|graphiql|healthz|readyz|metrics|export)(?:\/|$)/;

const NOT_BUILT = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>De Verkenner</title></head>
<body><main><h1>De Verkenner is nog niet gebouwd</h1>
<p>Bouw de webapp met <code>npm run build</code> (of start de dienst met <code>npm start</code>, dat bouwt eerst).
De API werkt wel: <a href="/graphql">/graphql</a>.</p></main></body></html>`;

/**
 * Serves the Verkenner at `/`: hashed assets are cached for a year (their names change with their
 * content), index.html is revalidated on every visit so that a new build is picked up at once.
 */
export function webApp(dist = WEB_DIST): Router {
  const router = express.Router();
  const index = path.join(dist, "index.html");
  const assets = express.static(dist, {
    index: false,
    redirect: false,
    setHeaders(res, file) {
      res.setHeader(
        "cache-control",
        file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || RESERVED.test(req.path)) {
      next();
      return;
    }
    if (CLIENT_ROUTE.test(req.path)) {
      if (!existsSync(index)) {
        res.status(503).type("html").setHeader("cache-control", "no-store").send(NOT_BUILT);
        return;
      }
      res.setHeader("cache-control", "no-cache");
      res.sendFile(index);
      return;
    }
    assets(req, res, next);
  });
  return router;
}
