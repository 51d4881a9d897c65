import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const manifest = fileURLToPath(new URL("./src/gql/persisted-documents.json", import.meta.url));

/** Ships the trusted-documents manifest with the build: the service loads it in trusted-documents mode. */
function trustedDocuments(): Plugin {
  return {
    name: "verkenner-trusted-documents",
    apply: "build",
    generateBundle() {
      this.emitFile({
        type: "asset",
        fileName: "persisted-documents.json",
        source: readFileSync(manifest, "utf8"),
      });
    },
  };
}

export default defineConfig({
  root,
  base: "/",
  // React's automatic JSX runtime, compiled by Vite's own transformer (no Babel, no plugin).
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  plugins: [trustedDocuments()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
  worker: { format: "es" },
  server: {
    host: "127.0.0.1",
    proxy: { "/graphql": "http://127.0.0.1:4000", "/export": "http://127.0.0.1:4000" },
  },
});
