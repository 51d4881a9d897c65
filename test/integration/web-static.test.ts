import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { TrustedDocuments, documentHash } from "../../src/server/trusted-documents";
import { webApp } from "../../src/server/web.static";

/** The Verkenner's static serving when it is not built, and its manifest joining the allow-list. */
describe("web explorer serving and trusted documents", () => {
  it("says how to build the Verkenner when web/dist is missing, and leaves other paths alone", async () => {
    const app = express();
    app.use(webApp(path.join(os.tmpdir(), "verkenner-not-built-here")));
    app.use((_req, res) => {
      res.status(404).json({ error: "not found" });
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const route of ["/", "/netwerk", "/organisatie/ieder-in"]) {
        const response = await fetch(`${url}${route}`);
        expect(response.status).toBe(503);
        expect(await response.text()).toContain("npm run build");
      }
      for (const route of ["/graphql", "/metrics", "/export/network.csv", "/iets-anders", "/assets/x.js"]) {
        const response = await fetch(`${url}${route}`);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: "not found" });
      }
      expect((await fetch(`${url}/`, { method: "POST" })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("merges the configured allow-list with the web app's manifest", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "trusted-"));
    const own = "query Own { viewer { role } }";
    const web = "query Web { provinces { code } }";
    writeFileSync(path.join(dir, "own.json"), JSON.stringify([documentHash(own)]));
    writeFileSync(path.join(dir, "web.json"), JSON.stringify({ [`sha256:${documentHash(web)}`]: web }));
    const trusted = TrustedDocuments.fromFiles([path.join(dir, "own.json"), path.join(dir, "web.json")]);
    expect(trusted.size).toBe(2);
    expect(trusted.has(documentHash(own))).toBe(true);
    expect(trusted.body(documentHash(web))).toBe(web);
    expect(trusted.has(documentHash("query Other { provinces { name } }"))).toBe(false);
  });
});
